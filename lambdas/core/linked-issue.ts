import { sameRepo } from './resolve-repo.js';

// `fix`, `fixes` or `fixed`, whitespace, then `#N` or `owner/repo#N`; nothing else links.
const CLOSING_REFERENCE = /\bfix(?:es|ed)?\s+(?:([\w.-]+\/[\w.-]+))?#(\d+)(?![\w#])/gi;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/** The issue a PR body links by a strict closing keyword (`Fixes #N` in the PR's own repo), if any. */
export function linkedIssueNumber(body: string, prRepo: string): number | undefined {
  const visible = body.replace(HTML_COMMENT, ' ');
  for (const match of visible.matchAll(CLOSING_REFERENCE)) {
    const [, repo, digits] = match;
    const number = Number(digits);
    if (number > 0 && (repo === undefined || sameRepo(repo, prRepo))) return number;
  }
  return undefined;
}
