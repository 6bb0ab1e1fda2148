import type { Task, TaskStatus } from './task.js';

/** The status shown for a task: DEPLOYED always wins, then side states in priority order, then the stage. */
export function statusOf(
  task: Pick<Task, 'stage' | 'workState' | 'autoTask' | 'repo' | 'issue'>,
): TaskStatus {
  if (task.stage === 'DEPLOYED') return 'DEPLOYED';
  if (task.workState === 'CANCELLED') return 'CANCELLED';
  if (!task.autoTask) return 'AUTO_DISABLED';
  if (!task.repo && !task.issue) return 'NEEDS_REPO';
  if (task.workState === 'BLOCKED') return 'BLOCKED';
  return task.stage;
}
