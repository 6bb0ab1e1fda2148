import type { Action } from './actions.js';
import type { ConsoleCommand } from './console-command.js';
import { applyDeleted, applySnapshot } from './decide-asana.js';
import { releaseHeld } from './decide-effect.js';
import { emit, hasPending, note, type Draft } from './emit.js';
import type { DomainEvent } from './events.js';
import { maybeCreateIssue } from './intents.js';
import type { ProjectConfig } from './project-config.js';
import { sameRepo } from './resolve-repo.js';
import type { Task } from './task.js';

/** Who gave a console command. */
export interface CommandAuthor {
  userId: string;
  username: string;
}

/** Why a command cannot apply to the task as it is (undefined: it can). */
export function consoleCommandProblem(
  task: Task,
  command: ConsoleCommand,
  config: ProjectConfig,
): string | undefined {
  switch (command.kind) {
    case 'retry':
      return retryProblem(task);
    case 'force_link_pr':
      if (!task.issue) return 'The task has no issue yet, so no PR can fix it';
      if (task.pr?.number === command.number) return `PR #${command.number} is already linked`;
      if (task.stage !== 'ISSUE_CREATED' && task.stage !== 'PR_CREATED')
        return `A PR can only be linked before it is merged (the task is ${task.stage})`;
      return undefined;
    case 'change_repo':
      if (task.issue) return `The issue already exists in ${task.issue.repo}; the repository cannot change`;
      if (hasPending(task, 'github.create_issue')) return `The issue is being created in ${task.repo ?? '?'}`;
      if (!config.github.repos.some((r) => sameRepo(r, command.repo)))
        return `${command.repo} is not one of the project's repositories`;
      if (sameRepo(task.repo, command.repo)) return `The repository is already ${task.repo ?? ''}`;
      return undefined;
    case 'resync':
    case 'add_note':
      return undefined;
  }
}

type ConsoleEvent = Extract<DomainEvent, { type: 'console.command' }>;

/**
 * Applies a console command to a task (nothing when `consoleCommandProblem` objects). A re-sync
 * applies the snapshot it carries exactly as an Asana event would, after noting who asked.
 */
export function applyConsoleCommand(d: Draft, event: ConsoleEvent, config: ProjectConfig): void {
  const { command, by } = event;
  if (consoleCommandProblem(d.task, command, config) !== undefined) return;
  const ids = { by: by.userId };
  switch (command.kind) {
    case 'retry':
      releaseHeld(d, { reason: `retry by ${by.username}` });
      return retry(d, by, config);
    case 'resync':
      note(d, {
        source: 'user',
        kind: 'console.resync',
        message: `Re-sync from Asana by ${by.username}`,
        ids,
      });
      if (event.snapshot) applySnapshot(d, event.snapshot, config);
      else if (event.snapshot === null) applyDeleted(d, d.task.asanaGid, d.now);
      return;
    case 'force_link_pr':
      return forceLink(d, command.number, by);
    case 'change_repo':
      return changeRepo(d, command.repo, by, config);
    case 'add_note': {
      note(d, { source: 'user', kind: 'console.note', message: `${by.username}: ${command.text}`, ids });
      const action = emit(d, {
        kind: 'asana.comment',
        asanaGid: d.task.asanaGid,
        text: `${command.text}\n\n— ${by.username}, via Auto-Flow`,
      });
      byUser(action, by);
      return;
    }
  }
}

function retryProblem(task: Task): string | undefined {
  if (task.stage === 'FAILED' && !task.issue) return undefined;
  if (task.outbox.some((a) => a.heldReason !== undefined)) return undefined;
  if (task.stage === 'FAILED')
    return 'CI failed on the merge commit: re-run the workflow in GitHub and Auto-Flow follows the new run';
  return 'Nothing to retry: no effect is held and the pipeline has not failed';
}

/** A failed issue is tried again (held effects were released just before, under their own ids). */
function retry(d: Draft, by: CommandAuthor, config: ProjectConfig): void {
  const t = d.task;
  if (t.stage !== 'FAILED' || t.issue) return;
  note(d, {
    source: 'user',
    kind: 'console.retry',
    message: `Retry by ${by.username}`,
    ids: { by: by.userId },
  });
  t.stage = 'RECEIVED';
  delete t.failureReason;
  maybeCreateIssue(d, config);
}

function forceLink(d: Draft, number: number, by: CommandAuthor): void {
  const t = d.task;
  const issue = t.issue;
  if (!issue) return;
  const url = pullUrl(issue.url, issue.repo, number);
  const previous = t.pr?.number;
  t.pr = { number, url };
  t.stage = 'PR_CREATED';
  const replaced = previous === undefined ? '' : ` (replaces PR #${previous})`;
  note(d, {
    source: 'user',
    kind: 'console.pr_linked',
    message: `PR #${number} linked by ${by.username}${replaced}`,
    links: [{ label: `PR #${number}`, url }],
    ids: { by: by.userId },
  });
}

function changeRepo(d: Draft, repo: string, by: CommandAuthor, config: ProjectConfig): void {
  const t = d.task;
  const configured = config.github.repos.find((r) => sameRepo(r, repo)) ?? repo;
  t.repo = configured;
  note(d, {
    source: 'user',
    kind: 'console.repo_changed',
    message: `Repository set to ${configured} by ${by.username}`,
    ids: { by: by.userId },
  });
  if (t.stage === 'FAILED') {
    t.stage = 'RECEIVED';
    delete t.failureReason;
  }
  maybeCreateIssue(d, config);
}

/** The PR's URL next to the issue's (GitHub and the sandbox both use /issues/N and /pull/N). */
export function pullUrl(issueUrl: string, repo: string, number: number): string {
  return /\/issues\/\d+$/.test(issueUrl)
    ? issueUrl.replace(/\/issues\/\d+$/, `/pull/${number}`)
    : `https://github.com/${repo}/pull/${number}`;
}

function byUser(action: Action, by: CommandAuthor): void {
  // Policy sees the person who asked, not the core loop.
  action.requestedBy = { type: 'User', id: by.userId };
}
