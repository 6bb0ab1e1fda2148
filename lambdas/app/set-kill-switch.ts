import { GLOBAL_CHAIN } from '#core/audit/entry.js';
import type { Task } from '#core/task.js';
import type { AuditLog, Clock, KillSwitchStore, Logger, ProjectStore } from '#lambdas/ports.js';
import type { ApplyEventDeps } from './apply-event.js';
import { releaseHolds } from './release-holds.js';
import { activeKillSwitch } from '#core/kill-switch.js';

/** Ports of the kill switch use cases. */
export interface KillSwitchDeps {
  killSwitches: KillSwitchStore;
  projects: ProjectStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Releases held actions when a switch goes off (absent offline: the runtime releases them as it starts). */
  pipeline?: ApplyEventDeps;
}

/**
 * Turns the global or a project's kill switch on or off, audited. While on, Evaluate holds every
 * effect (receivers still accept and record); turning it off releases the held actions, so held
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
  if (input.on || !deps.pipeline) return { released: 0 };
  const projects =
    input.projectId === undefined
      ? (await deps.projects.listProjects()).map((p) => p.projectId)
      : [input.projectId];
  let released = 0;
  for (const projectId of projects)
    released += await releaseHeldActions(projectId, { ...deps, pipeline: deps.pipeline });
  return { released };
}

/**
 * Releases a project's held actions, task by task through `decide` (an `actions.released` event),
 * unless a kill switch is still on. Each release is a conditional save that names the next run, so a
 * release racing another (Record finding the switch off, a second release) starts each action once.
 * Returns how many held actions are released now.
 */
export async function releaseHeldActions(
  projectId: string,
  deps: Pick<KillSwitchDeps, 'killSwitches' | 'projects' | 'logger'> & { pipeline: ApplyEventDeps },
): Promise<number> {
  if (activeKillSwitch(await deps.killSwitches.isKilled(projectId))) return 0;
  const config = await deps.projects.getProject(projectId);
  if (!config) return 0;
  let released = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.pipeline.tasks.listTasks(projectId, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const task of page.items as Task[]) {
      const held = task.outbox.filter((a) => a.heldReason !== undefined);
      const lifted = await releaseHolds(
        config,
        task.taskId,
        held,
        { reason: 'the kill switch went off' },
        deps.pipeline,
      );
      released += lifted.length;
    }
    cursor = page.cursor;
  } while (cursor);
  if (released > 0) deps.logger.info('held actions released', { projectId, released });
  return released;
}
