import type { Octokit } from '@octokit/rest';
import { PermanentIntegrationError } from '#core/errors.js';
import type { RepoHook, RepoHooks } from '#lambdas/console-ports.js';
import { isGitHubHttpError, translateGitHubError } from './errors.js';
import { splitRepo } from './split-repo.js';

interface RestHook {
  id: number;
  active: boolean;
  events: string[];
  config: { url?: string; content_type?: string };
}

/**
 * GitHub answers 404 (classic tokens) or 403 (fine-grained ones) when the token may not manage a
 * repo's hooks: say so plainly, it is the one fix the user can make.
 */
function translateHookError(error: unknown, repo: string, operation: string): never {
  if (
    isGitHubHttpError(error) &&
    (error.status === 403 || error.status === 404) &&
    !/rate limit/i.test(error.message)
  )
    throw new PermanentIntegrationError(
      `token lacks admin:repo_hook on ${repo}${error.status === 404 ? ', or the repo does not exist' : ''} (GitHub answered ${error.status} to ${operation})`,
      { cause: error },
    );
  return translateGitHubError(error, `${operation} of ${repo}`);
}

/** A repository's webhooks through Octokit. */
export class OctokitRepoHooks implements RepoHooks {
  constructor(private readonly options: { client: Octokit }) {}

  async listHooks(repo: string): Promise<RepoHook[]> {
    try {
      const hooks = (await this.options.client.paginate(this.options.client.rest.repos.listWebhooks, {
        ...splitRepo(repo),
        per_page: 100,
      })) as RestHook[];
      return hooks.map(toHook);
    } catch (error) {
      return translateHookError(error, repo, 'list hooks');
    }
  }

  async createHook(repo: string, hook: { url: string; secret: string; events: string[] }): Promise<RepoHook> {
    try {
      const { data } = await this.options.client.rest.repos.createWebhook({
        ...splitRepo(repo),
        name: 'web',
        active: true,
        events: hook.events,
        config: { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' },
      });
      return toHook(data as RestHook);
    } catch (error) {
      return translateHookError(error, repo, 'create a hook');
    }
  }
}

function toHook(raw: RestHook): RepoHook {
  return {
    id: raw.id,
    url: raw.config.url ?? '',
    contentType: raw.config.content_type ?? 'form',
    events: raw.events,
    active: raw.active,
  };
}
