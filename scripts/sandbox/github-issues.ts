import { githubTime, type SandboxContext } from './context.js';
import { SandboxError, found } from './errors.js';
import { githubUrls, renderLabel } from './github-render-repo.js';
import { renderIssue } from './github-render-issue.js';
import { emitGitHubEvent } from './github-webhooks.js';
import type { CommentRecord, IssueRecord, IssueStateReason, RepoRecord } from './state.js';

/** The repo, or a 404. */
export function requireRepo(ctx: SandboxContext, repo: string): RepoRecord {
  return found(ctx.store.data.github.repos[repo], `repository ${repo}`);
}

/** The issue (not a PR), or a 404. */
export function requireIssue(ctx: SandboxContext, repo: string, number: number): IssueRecord {
  requireRepo(ctx, repo);
  return found(
    ctx.store.data.github.issues.find((i) => i.repo === repo && i.number === number),
    `issue ${repo}#${number}`,
  );
}

/** Opens an issue: emits `issues.opened` (+ `labeled` per label) and wakes the agent. */
export function createIssue(
  ctx: SandboxContext,
  repo: string,
  input: { title: string; body: string; labels: string[] },
  actor: string,
): IssueRecord {
  const record = requireRepo(ctx, repo);
  const now = githubTime();
  const issue: IssueRecord = {
    id: ctx.store.nextId(),
    repo,
    number: record.nextNumber++,
    title: input.title,
    body: input.body,
    state: 'open',
    stateReason: null,
    labels: [...new Set(input.labels)],
    user: actor,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
  };
  ctx.store.data.github.issues.push(issue);
  ctx.store.touch();
  emitIssueEvent(ctx, issue, 'opened', actor);
  for (const label of issue.labels) emitIssueEvent(ctx, issue, 'labeled', actor, label);
  for (const listener of ctx.on.issueOpened) listener(issue);
  return issue;
}

export interface IssueChange {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  stateReason?: IssueStateReason;
  labels?: string[];
}

/** Edits, closes or reopens an issue, emitting what GitHub would. */
export function updateIssue(
  ctx: SandboxContext,
  repo: string,
  number: number,
  change: IssueChange,
  actor: string,
): IssueRecord {
  const issue = requireIssue(ctx, repo, number);
  const now = githubTime();
  const edited =
    (change.title !== undefined && change.title !== issue.title) ||
    (change.body !== undefined && change.body !== issue.body);
  if (change.title !== undefined) issue.title = change.title;
  if (change.body !== undefined) issue.body = change.body;
  let action: 'closed' | 'reopened' | undefined;
  if (change.state === 'closed' && issue.state === 'open') {
    Object.assign(issue, {
      state: 'closed',
      stateReason: change.stateReason ?? 'completed',
      closedAt: now,
      closedBy: actor,
    });
    action = 'closed';
  } else if (change.state === 'open' && issue.state === 'closed') {
    Object.assign(issue, { state: 'open', stateReason: 'reopened', closedAt: null, closedBy: null });
    action = 'reopened';
  } else if (change.stateReason !== undefined && issue.state === 'closed') {
    issue.stateReason = change.stateReason;
  }
  issue.updatedAt = now;
  ctx.store.touch();
  if (edited) emitIssueEvent(ctx, issue, 'edited', actor);
  if (action) emitIssueEvent(ctx, issue, action, actor);
  if (change.labels) setIssueLabels(ctx, issue, change.labels, actor);
  return issue;
}

/** Adds labels (creating them on the repo as GitHub does); returns the issue's labels. */
export function addLabels(
  ctx: SandboxContext,
  repo: string,
  number: number,
  names: string[],
  actor: string,
): string[] {
  const issue = requireIssue(ctx, repo, number);
  setIssueLabels(ctx, issue, [...issue.labels, ...names], actor);
  return issue.labels;
}

/** Removes one label; 404 when the issue does not have it. */
export function removeLabel(
  ctx: SandboxContext,
  repo: string,
  number: number,
  name: string,
  actor: string,
): string[] {
  const issue = requireIssue(ctx, repo, number);
  if (!issue.labels.includes(name)) throw new SandboxError(404, 'Label does not exist');
  setIssueLabels(
    ctx,
    issue,
    issue.labels.filter((l) => l !== name),
    actor,
  );
  return issue.labels;
}

/** Comments on an issue or a pull request. */
export function addComment(
  ctx: SandboxContext,
  repo: string,
  number: number,
  body: string,
  actor: string,
): CommentRecord {
  requireRepo(ctx, repo);
  const exists =
    ctx.store.data.github.issues.some((i) => i.repo === repo && i.number === number) ||
    ctx.store.data.github.pulls.some((p) => p.repo === repo && p.number === number);
  if (!exists) throw new SandboxError(404, `issue ${repo}#${number} not found`);
  const comment: CommentRecord = {
    id: ctx.store.nextId(),
    repo,
    issueNumber: number,
    body,
    user: actor,
    createdAt: githubTime(),
  };
  ctx.store.data.github.comments.push(comment);
  ctx.store.touch();
  return comment;
}

/** Comments on an issue or PR, oldest first. */
export function listComments(ctx: SandboxContext, repo: string, number: number): CommentRecord[] {
  return ctx.store.data.github.comments.filter((c) => c.repo === repo && c.issueNumber === number);
}

function setIssueLabels(ctx: SandboxContext, issue: IssueRecord, wanted: string[], actor: string): void {
  const next = [...new Set(wanted)];
  const added = next.filter((l) => !issue.labels.includes(l));
  const removed = issue.labels.filter((l) => !next.includes(l));
  if (added.length === 0 && removed.length === 0) return;
  issue.labels = next;
  issue.updatedAt = githubTime();
  ctx.store.touch();
  for (const label of added) emitIssueEvent(ctx, issue, 'labeled', actor, label);
  for (const label of removed) emitIssueEvent(ctx, issue, 'unlabeled', actor, label);
}

function emitIssueEvent(
  ctx: SandboxContext,
  issue: IssueRecord,
  action: string,
  actor: string,
  label?: string,
): void {
  const urls = githubUrls(ctx.urls.base);
  const comments = listComments(ctx, issue.repo, issue.number).length;
  const fields: Record<string, unknown> = { action, issue: renderIssue(issue, urls, comments) };
  if (label) fields.label = renderLabel(issue.repo, label, urls);
  emitGitHubEvent(ctx, issue.repo, 'issues', fields, actor);
}
