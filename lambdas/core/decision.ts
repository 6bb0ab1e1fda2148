import type { Action } from './actions.js';
import type { Task } from './task.js';
import type { TimelineEntry } from './timeline.js';

/** What `decide` returns: the task to save (undefined: none), the actions it added to the outbox, and history. */
export interface Decision {
  task: Task | undefined;
  actions: Action[];
  timeline: TimelineEntry[];
}

/** Inputs `decide` takes from outside: the time, and the id to give a task it creates. */
export interface DecideContext {
  now: string;
  taskId: string;
}

/** A decision that changes nothing. */
export function noDecision(task: Task | undefined): Decision {
  return { task, actions: [], timeline: [] };
}
