import type { Action } from '#core/actions.js';
import type { ProjectConfig } from '#core/project-config.js';
import {
  startTriggerById,
  type RunPrincipal,
  type StartTriggerDeps,
} from '#lambdas/app/triggers/start-trigger.js';
import type { KillSwitchStore } from '#lambdas/ports.js';
import { KillSwitchOnError } from '../errors.js';
import type { z } from 'zod';
import type { StartTriggerBodySchema } from './trigger-bodies.js';
import { activeKillSwitch } from '#core/kill-switch.js';

/** Ports of a manual run from the API. */
export type ManualRunDeps = StartTriggerDeps & { killSwitches: KillSwitchStore };

/**
 * Starts a user trigger by hand (console or /api/v1), refused while a kill switch is on: a manual run
 * lives in no task's outbox, so a held run would have nothing to release it later.
 */
export async function startManualRun(
  project: ProjectConfig,
  triggerId: string,
  body: z.output<typeof StartTriggerBodySchema>,
  principal: RunPrincipal,
  deps: ManualRunDeps,
): Promise<Action> {
  if (activeKillSwitch(await deps.killSwitches.isKilled(project.projectId)))
    throw new KillSwitchOnError('The kill switch is on: no trigger can be started now');
  return startTriggerById(
    project,
    triggerId,
    { inputs: body.inputs, ...(body.taskId ? { taskId: body.taskId } : {}) },
    principal,
    deps,
  );
}
