import { note, type Draft } from './emit.js';
import type { DomainEvent } from './events.js';
import { linkedIssueNumber } from './linked-issue.js';
import { sameRepo } from './resolve-repo.js';
import type { IssueLink } from './task.js';
import { shortSha } from './time.js';

type PullRequestEvent = Extract<DomainEvent, { type: 'github.pull_request' }>;

const OPEN_ACTIONS = new Set(['opened', 'reopened', 'edited', 'ready_for_review', 'synchronize']);

/** Links the agent's PR (`Fixes #N`, same repo, default base), follows it to merge, or back when closed unmerged. */
export function applyPullRequest(d: Draft, e: PullRequestEvent): void {
  const t = d.task;
  const issue = t.issue;
  if (!issue || !sameRepo(e.repo, issue.repo)) return;
  const claims = claimsIssue(e, issue);
  if (t.pr && t.pr.number !== e.number) {
    if (claims) noteOtherPr(d, e, t.pr.number);
    return;
  }
  const linked = t.pr !== undefined;
  if (!linked && !claims) return;
  if (e.action === 'closed') {
    if (e.merged) applyMerged(d, e);
    else if (linked && t.stage === 'PR_CREATED') unlink(d, e);
    return;
  }
  if (!OPEN_ACTIONS.has(e.action) || e.state !== 'open') return;
  if (linked && t.stage === 'PR_CREATED') followHead(d, e);
  else if (!linked && t.stage === 'ISSUE_CREATED') {
    t.pr = { number: e.number, url: e.url, headSha: e.headSha, headAt: e.occurredAt };
    t.stage = 'PR_CREATED';
    note(d, {
      source: 'github',
      kind: 'github.pr_linked',
      message: `PR #${e.number} linked (Fixes #${issue.number})`,
      links: [{ label: `PR #${e.number}`, url: e.url }],
    });
  }
}

/**
 * Follows pushes to the linked PR: its head SHA is what routes CI runs waiting on the PR (and what the
 * `workflow_run.action_required` trigger matches). An event older than the head recorded changes nothing.
 */
function followHead(d: Draft, e: PullRequestEvent): void {
  const pr = d.task.pr;
  if (!pr || pr.headSha === e.headSha || (pr.headAt !== undefined && e.occurredAt <= pr.headAt)) return;
  d.task.pr = { ...pr, headSha: e.headSha, headAt: e.occurredAt };
  note(d, {
    source: 'github',
    kind: 'github.pr_updated',
    message: `PR #${e.number} updated: head ${shortSha(e.headSha)}`,
    links: [{ label: `PR #${e.number}`, url: e.url }],
  });
}

function claimsIssue(e: PullRequestEvent, issue: IssueLink): boolean {
  return e.baseRef === e.defaultBranch && linkedIssueNumber(e.body, issue.repo) === issue.number;
}

function applyMerged(d: Draft, e: PullRequestEvent): void {
  const t = d.task;
  // Only a merge into the default branch is a deployment candidate; a late merge event changes nothing.
  if (!e.mergeSha || e.baseRef !== e.defaultBranch) return;
  if (t.stage !== 'ISSUE_CREATED' && t.stage !== 'PR_CREATED') return;
  t.pr ??= { number: e.number, url: e.url, headSha: e.headSha, headAt: e.occurredAt };
  t.mergeSha = e.mergeSha;
  t.stage = 'WAITING_CI';
  t.waitingReason = `Waiting for CI on merge commit ${shortSha(e.mergeSha)}`;
  note(d, {
    source: 'github',
    kind: 'github.pr_merged',
    message: `PR #${e.number} merged as ${shortSha(e.mergeSha)}; waiting for CI`,
    links: [{ label: `PR #${e.number}`, url: e.url }],
    ids: { mergeSha: e.mergeSha },
  });
}

function unlink(d: Draft, e: PullRequestEvent): void {
  const t = d.task;
  delete t.pr;
  t.stage = 'ISSUE_CREATED';
  note(d, {
    source: 'github',
    kind: 'github.pr_closed',
    message: `PR #${e.number} closed without merge: back to waiting for a PR`,
    links: [{ label: `PR #${e.number}`, url: e.url }],
  });
}

function noteOtherPr(d: Draft, e: PullRequestEvent, linkedNumber: number): void {
  note(d, {
    source: 'github',
    kind: 'github.pr_ignored',
    message: `PR #${e.number} also references the issue; PR #${linkedNumber} stays linked`,
    links: [{ label: `PR #${e.number}`, url: e.url }],
  });
}
