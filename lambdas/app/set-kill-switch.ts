import { GLOBAL_CHAIN } from '#core/audit/entry.js';
import type { Task } from '#core/task.js';
import type {
  ActionWorkflows,
  AuditLog,
  Clock,
  KillSwitchStore,
  Logger,
  ProjectStore,
  TaskStore,
} from '#lambdas/ports.js';

/** Ports of the kill switch use cases. */
export interface KillSwitchDeps {
  killSwitches: KillSwitchStore;
  projects: ProjectStore;
  tasks: TaskStore;
  workflows: ActionWorkflows;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

/**
 * Turns the global or a project's kill switch on or off, audited. While on, Evaluate holds every
 * effect (receivers still accept and record); turning it off re-starts the held actions, so held
 * work proceeds instead of being lost. Returns how many actions were released.
 */
export async function setKillSwitch(
  input: { projectId?: string; on: boolean; by: string },
  deps: KillSwitchDeps,
): Promise<{ released: number }> {
  const at = deps.clock.now();
  await deps.killSwitches.setKillSwitch(
    input.projectId === undefined ? {} : { projectId: input.projectId },
    input.on,
    input.by,
    at,
  );
  await deps.audit.append({
    chain: input.projectId ?? GLOBAL_CHAIN,
    type: 'killswitch.changed',
    at: at.toISOString(),
    actor: input.by,
    subject: input.projectId ?? 'global',
    data: { on: input.on, scope: input.projectId === undefined ? 'global' : 'project' },
  });
  deps.logger.warn('kill switch set', { scope: input.projectId ?? 'global', on: input.on, by: input.by });
  if (input.on) return { released: 0 };
  const projects =
    input.projectId === undefined
      ? (await deps.projects.listProjects()).map((p) => p.projectId)
      : [input.projectId];
  let released = 0;
  for (const projectId of projects) released += await releaseHeldActions(projectId, deps);
  return { released };
}

/**
 * The execution name of a held action started again: `${actionId}-r${second}`. The same second gives the
 * same name, so a repeated release within it starts nothing twice; the action id stays, so Record finds it.
 */
export function releaseExecutionName(actionId: string, now: Date): string {
  return `${actionId}-r${Math.floor(now.getTime() / 1000)}`;
}

/**
 * Re-starts a project's held actions (still in their tasks' outboxes) under a fresh execution name,
 * `${actionId}-r${n}`, unless a kill switch is still on. The same second gives the same name, so a
 * repeated release does nothing twice.
 */
export async function releaseHeldActions(
  projectId: string,
  deps: Pick<KillSwitchDeps, 'killSwitches' | 'tasks' | 'workflows' | 'clock' | 'logger'> & {
    /** True when an execution of the action is still running (it will finish the action itself). */
    isRunning?: (actionId: string) => boolean;
  },
): Promise<number> {
  const kill = await deps.killSwitches.isKilled(projectId);
  if (kill.global || kill.project) return 0;
  let released = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.tasks.listTasks(projectId, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const task of page.items as Task[])
      for (const action of task.outbox.filter((a) => a.heldReason && !deps.isRunning?.(a.actionId))) {
        await deps.workflows.start(action, {
          executionName: releaseExecutionName(action.actionId, deps.clock.now()),
        });
        released++;
      }
    cursor = page.cursor;
  } while (cursor);
  if (released > 0) deps.logger.info('held actions released', { projectId, released });
  return released;
}
