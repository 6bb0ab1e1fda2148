import { githubTime, type SandboxContext } from './context.js';
import { SandboxError, found } from './errors.js';
import { requireRepo, updateIssue } from './github-issues.js';
import { githubUrls } from './github-render-repo.js';
import { renderPull } from './github-render-issue.js';
import { emitGitHubEvent } from './github-webhooks.js';
import type { PullRecord } from './state.js';

/** Issue numbers a PR body closes, by GitHub's closing keywords (`Fixes #12`, `closes #3`...). */
export function closingIssueNumbers(body: string): number[] {
  const numbers = [...body.matchAll(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi)].map(
    (m) => Number(m[1]),
  );
  return [...new Set(numbers)];
}

/** The PR, or a 404. */
export function requirePull(ctx: SandboxContext, repo: string, number: number): PullRecord {
  requireRepo(ctx, repo);
  return found(
    ctx.store.data.github.pulls.find((p) => p.repo === repo && p.number === number),
    `pull request ${repo}#${number}`,
  );
}

/** Opens a PR from a fresh branch and emits `pull_request.opened`. */
export function openPull(
  ctx: SandboxContext,
  repo: string,
  input: { title: string; body: string; base?: string; head?: string },
  actor: string,
): PullRecord {
  const record = requireRepo(ctx, repo);
  const now = githubTime();
  const number = record.nextNumber++;
  const pr: PullRecord = {
    id: ctx.store.nextId(),
    repo,
    number,
    title: input.title,
    body: input.body,
    state: 'open',
    user: actor,
    headRef: input.head ?? `agent/change-${number}`,
    headSha: ctx.store.newSha(),
    baseRef: input.base ?? record.defaultBranch,
    baseSha: ctx.store.newSha(),
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  ctx.store.data.github.pulls.push(pr);
  ctx.store.touch();
  emitPullEvent(ctx, pr, 'opened', actor);
  return pr;
}

/**
 * Merges a PR: new merge commit, `pull_request.closed` (merged), and — when it lands on the
 * default branch, as on GitHub — closes the issues its body fixes; then wakes CI.
 */
export function mergePull(ctx: SandboxContext, repo: string, number: number, actor: string): PullRecord {
  const pr = requirePull(ctx, repo, number);
  if (pr.state !== 'open') throw new SandboxError(409, `pull request ${repo}#${number} is not open`);
  const now = githubTime();
  Object.assign(pr, {
    state: 'closed',
    merged: true,
    mergedAt: now,
    mergedBy: actor,
    mergeCommitSha: ctx.store.newSha(),
    closedAt: now,
    updatedAt: now,
  });
  ctx.store.touch();
  emitPullEvent(ctx, pr, 'closed', actor);
  if (pr.baseRef === requireRepo(ctx, repo).defaultBranch) {
    for (const n of closingIssueNumbers(pr.body)) {
      const issue = ctx.store.data.github.issues.find((i) => i.repo === repo && i.number === n);
      if (issue?.state === 'open')
        updateIssue(ctx, repo, n, { state: 'closed', stateReason: 'completed' }, actor);
    }
  }
  for (const listener of ctx.on.pullMerged) listener(pr);
  return pr;
}

function emitPullEvent(ctx: SandboxContext, pr: PullRecord, action: string, actor: string): void {
  const repo = requireRepo(ctx, pr.repo);
  emitGitHubEvent(
    ctx,
    pr.repo,
    'pull_request',
    { action, number: pr.number, pull_request: renderPull(pr, repo, githubUrls(ctx.urls.base)) },
    actor,
  );
}
