import { PermanentIntegrationError } from '#core/errors.js';

/** `owner/repo` → Octokit's `{ owner, repo }`; anything else is a permanent error. */
export function splitRepo(repo: string): { owner: string; repo: string } {
  const [owner, name, ...rest] = repo.split('/');
  if (!owner || !name || rest.length > 0)
    throw new PermanentIntegrationError(`"${repo}" is not an owner/repo name`);
  return { owner, repo: name };
}
