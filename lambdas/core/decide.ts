import { createFromSnapshot } from './create-task.js';
import { applyDeleted, applySnapshot } from './decide-asana.js';
import { applyConsoleCommand } from './decide-console.js';
import { applyEffectOutcome, releaseHeld } from './decide-effect.js';
import { applyIssueEvent } from './decide-issue.js';
import { applyPullRequest } from './decide-pull-request.js';
import { applyWorkflowRun } from './decide-workflow-run.js';
import { noDecision, type DecideContext, type Decision } from './decision.js';
import { closeDraft, openDraft } from './emit.js';
import type { DomainEvent } from './events.js';
import type { ProjectConfig } from './project-config.js';
import type { Task } from './task.js';
import { fireUserTriggers } from './triggers/fire.js';

export type { DecideContext, Decision } from './decision.js';

/**
 * Decides what an event means for a task: the updated task, new outbox actions and timeline entries.
 * Pure and idempotent: replaying an event, or delivering it late, changes nothing further.
 */
export function decide(
  task: Task | undefined,
  event: DomainEvent,
  config: ProjectConfig,
  ctx: DecideContext,
): Decision {
  if (!task) {
    return event.type === 'asana.task_snapshot'
      ? createFromSnapshot(event.task, config, ctx)
      : noDecision(undefined);
  }
  const d = openDraft(task, task, ctx.now, ctx.triggers);
  switch (event.type) {
    case 'asana.task_snapshot':
      applySnapshot(d, event.task, config);
      break;
    case 'asana.task_deleted':
      applyDeleted(d, event.asanaGid, event.occurredAt);
      break;
    case 'github.pull_request':
      applyPullRequest(d, event);
      break;
    case 'github.workflow_run':
      applyWorkflowRun(d, event, config);
      break;
    case 'github.issue':
      applyIssueEvent(d, event);
      break;
    case 'console.command':
      applyConsoleCommand(d, event, config);
      break;
    case 'actions.released':
      releaseHeld(d, event);
      break;
    case 'asana.task_touched':
      // The worker turns a touch into a snapshot first; the schema's type still admits it.
      break;
    default:
      applyEffectOutcome(d, event, config);
  }
  fireUserTriggers(d, event, config);
  return closeDraft(d);
}
