import type { DomainEvent } from '../events.js';
import { sameRepo } from '../resolve-repo.js';
import { statusOf } from '../status.js';
import type { Task, TaskStatus } from '../task.js';
import type { TemplateVars } from './template.js';
import type { EventPattern } from './trigger.js';

/** Something that happened to a task which a trigger pattern can match. */
export interface TriggerOccurrence {
  on: Exclude<EventPattern['on'], 'manual'>;
  /** Set for events that leave the task unchanged (a label, a waiting run): fire once per key. */
  key?: string;
  to?: TaskStatus;
  label?: string;
  vars: TemplateVars;
}

/**
 * What an event did that triggers can match, comparing the task before and after `decide`. Status
 * moves happen once (a replay changes nothing); label and run events carry a key instead.
 */
export function occurrencesOf(
  before: Task | undefined,
  after: Task,
  event: DomainEvent,
): TriggerOccurrence[] {
  const found: TriggerOccurrence[] = [];
  const from = before && statusOf(before);
  const to = statusOf(after);
  if (from !== to) {
    found.push({ on: 'task.status_changed', to, vars: { 'status.from': from ?? 'NONE', 'status.to': to } });
    if (to === 'FAILED' && after.stage === 'FAILED' && after.mergeSha)
      found.push({ on: 'ci.failed_after_merge', vars: { 'ci.failureReason': after.failureReason } });
  }
  const issue = after.issue;
  if (!issue) return found;
  if (
    event.type === 'github.pull_request' &&
    event.action === 'labeled' &&
    event.label &&
    after.pr?.number === event.number &&
    sameRepo(event.repo, issue.repo)
  )
    found.push({
      on: 'pr.labeled',
      key: `label:${event.number}:${event.label}`,
      label: event.label,
      vars: { label: event.label },
    });
  if (
    event.type === 'github.workflow_run' &&
    event.conclusion === 'action_required' &&
    after.pr?.headSha === event.headSha &&
    sameRepo(event.repo, issue.repo)
  )
    found.push({
      on: 'workflow_run.action_required',
      key: `run:${event.runId}`,
      vars: {
        'run.id': event.runId,
        'run.url': event.url,
        'run.workflow': event.workflow,
        'run.repo': event.repo,
      },
    });
  return found;
}

/** True when a pattern matches an occurrence. */
export function matches(pattern: EventPattern, occurrence: TriggerOccurrence): boolean {
  switch (pattern.on) {
    case 'task.status_changed':
      return occurrence.on === pattern.on && occurrence.to === pattern.to;
    case 'pr.labeled':
      return occurrence.on === pattern.on && occurrence.label === pattern.label;
    case 'manual':
      return false;
    default:
      return occurrence.on === pattern.on;
  }
}
