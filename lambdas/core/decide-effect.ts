import type { Action } from './actions.js';
import { note, type Draft } from './emit.js';
import type { DomainEvent } from './events.js';
import { closeIfCancelled, disableSync, syncAsanaCompletion } from './intents.js';
import type { ProjectConfig } from './project-config.js';
import { justAfter } from './time.js';
import { FIX_FORWARD_TRIGGER_ID } from './triggers/built-ins.js';

type EffectEvent = Extract<DomainEvent, { type: `effect.${string}` }>;
type Succeeded = Extract<EffectEvent, { type: 'effect.succeeded' }>;

/** Applies the outcome of an action still in the outbox; outcomes of unknown (or already recorded) actions do nothing. */
export function applyEffectOutcome(d: Draft, e: EffectEvent, config: ProjectConfig): void {
  const t = d.task;
  const action = t.outbox.find((a) => a.actionId === e.actionId);
  // An outcome of an earlier run than the current one (a retried Record) changes nothing.
  if (!action || (e.releases ?? 0) !== (action.releases ?? 0)) return;
  if (e.type === 'effect.held') {
    if (action.heldReason === e.reason) return;
    action.heldReason = e.reason;
    note(d, {
      source: 'autoflow',
      kind: 'effect.held',
      message: `${action.params.kind} held: ${e.reason}`,
      ids: { actionId: action.actionId },
    });
    return;
  }
  t.outbox = t.outbox.filter((a) => a.actionId !== e.actionId);
  if (e.type === 'effect.succeeded') applySucceeded(d, action, e.result, config);
  else if (e.type === 'effect.failed') {
    const reason = `${e.error.name}: ${e.error.message}`;
    if (!keptForRetry(d, action, reason)) applyFailed(d, action, 'effect.failed', reason);
  } else applyFailed(d, action, 'effect.denied', `denied: ${e.reason}`);
}

type Released = Extract<DomainEvent, { type: 'actions.released' }>;

/**
 * Releases held actions: the hold is lifted and the release counted, which names the next run
 * (`executionNameOf`). Only the save that lifted a hold starts a run, so two racing releases (the
 * kill switch going off, Record finding it off, Repair, a person's retry) start one run, never two.
 */
export function releaseHeld(d: Draft, e: Omit<Released, 'type'>): void {
  for (const action of d.task.outbox) {
    if (action.heldReason === undefined) continue;
    if (e.actionId !== undefined && action.actionId !== e.actionId) continue;
    if (e.failedOnly && action.failures === undefined) continue;
    delete action.heldReason;
    action.releases = (action.releases ?? 0) + 1;
    note(d, {
      source: 'autoflow',
      kind: 'effect.released',
      message: `${action.params.kind} started again: ${e.reason}`,
      ids: { actionId: action.actionId },
    });
  }
}

function applySucceeded(d: Draft, action: Action, result: Succeeded['result'], config: ProjectConfig): void {
  const t = d.task;
  const p = action.params;
  const ids = { actionId: action.actionId };
  if (isFollowUp(action)) {
    applyFollowUp(d, action, result);
    return;
  }
  switch (p.kind) {
    case 'github.create_issue': {
      if (result.issueNumber === undefined || result.url === undefined) {
        applyFailed(d, action, 'effect.failed', 'the issue tracker returned no issue number or URL');
        return;
      }
      t.issue = { repo: p.repo, number: result.issueNumber, url: result.url };
      t.repo = p.repo;
      t.stage = 'ISSUE_CREATED';
      note(d, {
        source: 'github',
        kind: 'issue.created',
        message: `Issue #${result.issueNumber} created in ${p.repo}`,
        links: [{ label: `Issue #${result.issueNumber}`, url: result.url }],
        ids,
      });
      // The world may have moved while the issue was being created: apply the current intent now.
      disableSync(d, config);
      closeIfCancelled(d);
      return;
    }
    case 'asana.complete_task':
    case 'asana.reopen_task': {
      const completed = p.kind === 'asana.complete_task';
      t.asanaCompleted = completed;
      t.completedByAutoFlow = completed;
      // Our own change bumps Asana's modified_at: a snapshot as old as the one we hold is now stale.
      t.asanaModifiedAt = justAfter(t.asanaModifiedAt);
      note(d, {
        source: 'autoflow',
        kind: p.kind,
        message: completed ? 'Asana task completed' : 'Asana task reopened',
        ids,
      });
      syncAsanaCompletion(d);
      return;
    }
    case 'github.close_issue':
      t.issueClosed = true;
      note(d, {
        source: 'autoflow',
        kind: p.kind,
        message: `Issue #${p.issueNumber} closed as ${p.reason.replace('_', ' ')}`,
        ids,
      });
      return;
    case 'github.label': {
      const label = config.github.autoDisabledLabel;
      if (p.add.includes(label)) t.autoDisabledLabel = true;
      if (p.remove.includes(label)) t.autoDisabledLabel = false;
      note(d, {
        source: 'autoflow',
        kind: p.kind,
        message: `Labels on #${p.issueNumber}: ${describeLabels(p.add, p.remove)}`,
        ids,
      });
      return;
    }
    case 'github.comment':
    case 'asana.comment':
      note(d, {
        source: 'autoflow',
        kind: p.kind,
        message:
          p.kind === 'github.comment' ? `Commented on #${p.issueNumber}` : 'Commented on the Asana task',
        ids,
      });
      return;
    case 'http.post':
      note(d, { source: 'autoflow', kind: p.kind, message: `Posted to ${new URL(p.url).origin}`, ids });
      return;
    case 'notify':
      note(d, { source: 'autoflow', kind: p.kind, message: `Notified ${p.channel}`, ids });
      return;
    case 'github.workflow_dispatch':
      note(d, {
        source: 'autoflow',
        kind: p.kind,
        message: `Dispatched ${p.workflow} on ${p.ref} in ${p.repo}`,
        ids,
      });
      return;
    case 'github.approve_workflow_run':
      note(d, {
        source: 'autoflow',
        kind: p.kind,
        message: `Approved workflow run ${p.runId} in ${p.repo}`,
        ids,
      });
  }
}

/** An issue fix-forward asked for: a follow-up, never the task's own issue. */
function isFollowUp(action: Action): boolean {
  return action.params.kind === 'github.create_issue' && action.requestedBy?.id === FIX_FORWARD_TRIGGER_ID;
}

function applyFollowUp(d: Draft, action: Action, result: Succeeded['result']): void {
  const p = action.params;
  if (p.kind !== 'github.create_issue' || result.issueNumber === undefined || result.url === undefined)
    return;
  d.task.followUpIssue = { repo: p.repo, number: result.issueNumber, url: result.url };
  note(d, {
    source: 'github',
    kind: 'issue.follow_up_created',
    message: `Fix-forward issue #${result.issueNumber} created in ${p.repo}`,
    links: [{ label: `Issue #${result.issueNumber}`, url: result.url }],
    ids: { actionId: action.actionId },
  });
}

/** Effects that are safe to try again later (comments are posted once per action, see Execute). */
const RETRY_SAFE = new Set<Action['params']['kind']>([
  'asana.complete_task',
  'asana.reopen_task',
  'asana.comment',
  'github.comment',
  'github.label',
  'github.close_issue',
]);

/** A failed effect is tried this many times in all (the state machine retries each time first). */
export const MAX_EFFECT_FAILURES = 3;

/**
 * Keeps a retry-safe effect that failed in the outbox, held, for the reconciler's Repair to start again
 * (a task may already be terminal, so nothing else would). Gives up after MAX_EFFECT_FAILURES.
 */
function keptForRetry(d: Draft, action: Action, reason: string): boolean {
  const failures = (action.failures ?? 0) + 1;
  if (!RETRY_SAFE.has(action.params.kind) || failures >= MAX_EFFECT_FAILURES) return false;
  d.task.outbox.push({ ...action, failures, heldReason: `failed (${failures}×), retried by the reconciler` });
  note(d, {
    source: 'autoflow',
    kind: 'effect.failed',
    message: `${action.params.kind} failed: ${reason}; the reconciler will try again`,
    ids: { actionId: action.actionId },
  });
  return true;
}

function applyFailed(
  d: Draft,
  action: Action,
  kind: 'effect.failed' | 'effect.denied',
  reason: string,
): void {
  const t = d.task;
  if (action.params.kind === 'github.create_issue' && !isFollowUp(action)) {
    t.stage = 'FAILED';
    t.failureReason = kind === 'effect.denied' ? reason : `Creating the issue failed: ${reason}`;
  }
  note(d, {
    source: 'autoflow',
    kind,
    message: `${action.params.kind} ${kind === 'effect.denied' ? reason : `failed: ${reason}`}`,
    ids: { actionId: action.actionId },
  });
}

function describeLabels(add: string[], remove: string[]): string {
  return [...add.map((l) => `+${l}`), ...remove.map((l) => `-${l}`)].join(' ');
}
