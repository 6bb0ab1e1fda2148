import type { Action, ActionKind, ActionParams, Requester, TriggerRef } from './actions.js';
import { isDeepEqual } from './deep-equal.js';
import type { Decision } from './decision.js';
import { statusOf } from './status.js';
import type { Task, TaskStatus } from './task.js';
import type { TimelineEntry } from './timeline.js';
import { DEFAULT_TRIGGER_SET, type TriggerSet } from './triggers/trigger-set.js';

/** A task being decided on: a working copy plus the actions and history produced so far. */
export interface Draft {
  readonly before: Task | undefined;
  readonly task: Task;
  readonly actions: Action[];
  readonly timeline: TimelineEntry[];
  readonly now: string;
  /** Status as of the last timeline entry, so each entry carries the move it caused. */
  noted: TaskStatus | undefined;
  /** Which built-ins run and which user triggers are enabled. */
  readonly triggers: TriggerSet;
}

/** What a rule says about a change; time and status move are filled in by `note`. */
export type NoteInput = Omit<TimelineEntry, 'at' | 'from' | 'to'>;

/** Starts a draft on a copy of `task` (`before` undefined when the task is new). */
export function openDraft(
  before: Task | undefined,
  task: Task,
  now: string,
  triggers: TriggerSet = DEFAULT_TRIGGER_SET,
): Draft {
  const working = structuredClone(task);
  return {
    before,
    task: working,
    actions: [],
    timeline: [],
    now,
    noted: before && statusOf(before),
    triggers,
  };
}

/** Appends an action to the task's outbox with the next deterministic id (`${taskId}-${n}`). */
export function emit(
  d: Draft,
  params: ActionParams,
  origin: { requestedBy?: Requester; trigger?: TriggerRef } = {},
): Action {
  d.task.actionSeq += 1;
  const action: Action = {
    actionId: `${d.task.taskId}-${d.task.actionSeq}`,
    projectId: d.task.projectId,
    taskId: d.task.taskId,
    params,
    createdAt: d.now,
    ...origin,
  };
  d.task.outbox.push(action);
  d.actions.push(action);
  return action;
}

/** Records a timeline entry, with the status move since the previous entry when there was one. */
export function note(d: Draft, input: NoteInput): void {
  const status = statusOf(d.task);
  const move = status === d.noted ? {} : { ...(d.noted && { from: d.noted }), to: status };
  d.timeline.push({ at: d.now, ...input, ...move });
  d.noted = status;
}

/** True when an action of this kind waits in the outbox. */
export function hasPending(task: Task, kind: ActionKind): boolean {
  return task.outbox.some((action) => action.params.kind === kind);
}

type OptionalKey = { [K in keyof Task]-?: undefined extends Task[K] ? K : never }[keyof Task];

/** Sets an optional field, deleting the key when the value is undefined (so equality ignores it). */
export function setOptional<K extends OptionalKey>(task: Task, key: K, value: Task[K] | undefined): void {
  if (value === undefined) delete task[key];
  else task[key] = value;
}

/** Finishes a draft: derives status, stamps `updatedAt` only when something changed, returns the decision. */
export function closeDraft(d: Draft): Decision {
  const task = d.task;
  task.status = statusOf(task);
  if (d.before && isDeepEqual(d.before, task)) return { task: d.before, actions: [], timeline: d.timeline };
  if (task.status !== d.noted)
    note(d, { source: 'autoflow', kind: 'status.changed', message: `Status is now ${task.status}` });
  task.updatedAt = d.now;
  return { task, actions: d.actions, timeline: d.timeline };
}
