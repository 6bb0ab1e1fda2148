import type { Task, TaskStatus } from '#core/task.js';
import type { Clock, LeaseStore, ProjectStore, TaskStore } from '#lambdas/ports.js';

/** Statuses a task can be stuck in: everything not terminal. */
export const RECONCILED_STATUSES: TaskStatus[] = [
  'RECEIVED',
  'NEEDS_REPO',
  'ISSUE_CREATED',
  'PR_CREATED',
  'WAITING_CI',
  'BLOCKED',
  'AUTO_DISABLED',
];

/** Ports FindStuck needs. */
export interface FindStuckDeps {
  projects: ProjectStore;
  tasks: TaskStore;
  leases: LeaseStore;
  clock: Clock;
}

/** Knobs of a reconcile run. */
export interface ReconcileOptions {
  /** Length of a run window; one run per window. @default 5 min */
  windowMs?: number;
  /** Only tasks untouched for this long are checked (leaves work in flight alone). @default 2 min */
  staleAfterMs?: number;
  /** Most tasks checked per run (the rest wait for the next window). @default 500 */
  maxItems?: number;
}

/** One task to repair. */
export interface StuckItem {
  projectId: string;
  taskId: string;
  status: TaskStatus;
}

/** A quiet task is checked at most this many windows apart (an hour with 5-minute windows). */
const MAX_CHECK_SPACING_WINDOWS = 12;

/**
 * Whether a stale task is due for a check. One the reconciler checked and found unchanged waits a
 * quarter of how long it has been quiet (at least a window, at most MAX_CHECK_SPACING_WINDOWS), so a
 * task waiting days for its PR costs GitHub and Asana a call an hour, not one every five minutes,
 * while one that just went quiet is still checked every run.
 */
export function isDue(task: Pick<Task, 'updatedAt' | 'checkedAt'>, now: number, windowMs: number): boolean {
  if (task.checkedAt === undefined) return true;
  const quietMs = now - Date.parse(task.updatedAt);
  const spacing = Math.min(Math.max(windowMs, quietMs / 4), MAX_CHECK_SPACING_WINDOWS * windowMs);
  // Half a window of slack: a run late by a little still finds the task due.
  return now - Date.parse(task.checkedAt) >= spacing - windowMs / 2;
}

/**
 * Takes the window's lease (a late or retried schedule finds it taken and does nothing), then lists
 * tasks in non-terminal statuses through the status index — never a table scan — oldest change first,
 * keeping those due for a check (`isDue`) and those marked for Repair.
 */
export async function findStuck(
  deps: FindStuckDeps,
  options: ReconcileOptions = {},
  input: { window?: string } = {},
): Promise<{ window: string; skipped: boolean; projects: string[]; items: StuckItem[] }> {
  const now = deps.clock.now().getTime();
  const windowMs = options.windowMs ?? 300_000;
  // A run started by hand names its own window; scheduled runs share the clock's window.
  const window =
    input.window ??
    `reconcile-${new Date(Math.floor(now / windowMs) * windowMs).toISOString().replace(/[:.]/g, '-')}`;
  if (!(await deps.leases.acquire('reconcile', window, new Date(now + 24 * 3_600_000))))
    return { window, skipped: true, projects: [], items: [] };
  const staleBefore = now - (options.staleAfterMs ?? 120_000);
  const maxItems = options.maxItems ?? 500;
  const items: (StuckItem & { updatedAt: string })[] = [];
  const projects = await deps.projects.listProjects();
  for (const project of projects) {
    for (const status of RECONCILED_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await deps.tasks.listTasksByStatus(project.projectId, status, {
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        for (const task of page.items) {
          if (Date.parse(task.updatedAt) <= staleBefore && isDue(task, now, windowMs))
            items.push({
              projectId: task.projectId,
              taskId: task.taskId,
              status: task.status,
              updatedAt: task.updatedAt,
            });
        }
        cursor = page.cursor;
      } while (cursor && items.length < maxItems * 4);
    }
    // Tasks holding a failed effect for retry, whatever their status (a DEPLOYED task's completion).
    for (const mark of await deps.tasks.listRepairMarks(project.projectId, maxItems))
      if (Date.parse(mark.at) <= staleBefore && !items.some((i) => i.taskId === mark.taskId))
        items.push({
          projectId: project.projectId,
          taskId: mark.taskId,
          status: mark.status,
          updatedAt: mark.at,
        });
  }
  items.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return {
    window,
    skipped: false,
    projects: projects.map((p) => p.projectId),
    items: items.slice(0, maxItems).map(({ updatedAt: _u, ...item }) => item),
  };
}
