import type { Action } from './actions.js';
import type { Task } from './task.js';
import type { TimelineEntry } from './timeline.js';
import type { TriggerSet } from './triggers/trigger-set.js';

/** What `decide` returns: the task to save (undefined: none), the actions it added to the outbox, and history. */
export interface Decision {
  task: Task | undefined;
  actions: Action[];
  timeline: TimelineEntry[];
}

/** Inputs `decide` takes from outside: the time, the id to give a task it creates, and the triggers. */
export interface DecideContext {
  now: string;
  taskId: string;
  /** The project's trigger registry. @default built-in defaults, no user triggers */
  triggers?: TriggerSet;
}

/** A decision that changes nothing. */
export function noDecision(task: Task | undefined): Decision {
  return { task, actions: [], timeline: [] };
}
