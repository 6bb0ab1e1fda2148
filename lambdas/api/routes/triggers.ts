import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '#core/errors.js';
import { builtInTrigger } from '#core/triggers/built-ins.js';
import { builtInViews } from '#core/triggers/registry.js';
import { TriggerIdSchema, type UserTrigger } from '#core/triggers/trigger.js';
import { parseOrThrow } from '#core/validation.js';
import { saveTrigger, type TriggerAdminDeps } from '#lambdas/app/triggers/save-trigger.js';
import { startTriggerById, type StartTriggerDeps } from '#lambdas/app/triggers/start-trigger.js';
import { switchTrigger } from '#lambdas/app/triggers/switch-trigger.js';
import type { KillSwitchStore } from '#lambdas/ports.js';
import { requireRole } from '../auth/project-access.js';
import { KillSwitchOnError } from '../errors.js';
import type { ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';

/** Ports of the triggers routes. */
export type TriggerRoutesDeps = TriggerAdminDeps & StartTriggerDeps & { killSwitches: KillSwitchStore };

const secret = z.string().trim().min(8, 'must be at least 8 characters').max(2000);
const CreateBodySchema = z.strictObject({
  id: TriggerIdSchema,
  definition: z.unknown(),
  secret: secret.optional(),
  enabled: z.boolean().optional(),
});
const UpdateBodySchema = z.strictObject({
  /** The active version the editor started from (optimistic concurrency). */
  baseVersion: z.number().int().positive(),
  definition: z.unknown(),
  secret: secret.optional(),
});
const SwitchBodySchema = z.strictObject({ enabled: z.boolean() });
const StartBodySchema = z.strictObject({
  inputs: z.record(z.string(), z.unknown()).default({}),
  taskId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a task id')
    .optional(),
});

/**
 * The trigger registry of a project. Everyone reads it (secrets never, only whether one is set);
 * admins create, update (a new version) and switch triggers; editors run one by hand.
 */
export function createTriggersRoutes(deps: TriggerRoutesDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();
  const actor = (c: { get(key: 'principal'): { username: string } }) => `user:${c.get('principal').username}`;
  const idOf = (raw: string) => parseOrThrow(TriggerIdSchema, raw, 'trigger id');

  app.get('/', async (c) => {
    const { projectId } = c.get('project');
    const [user, switches] = await Promise.all([
      deps.triggers.listTriggers(projectId),
      deps.triggers.listBuiltInSwitches(projectId),
    ]);
    return c.json({
      builtIns: builtInViews(switches),
      items: await Promise.all(user.map((t) => userView(t, deps))),
    });
  });

  app.get('/:id', async (c) => {
    const { projectId } = c.get('project');
    const id = idOf(c.req.param('id'));
    if (builtInTrigger(id)) {
      const switches = await deps.triggers.listBuiltInSwitches(projectId);
      return c.json({ trigger: builtInViews(switches).find((t) => t.triggerId === id), versions: [] });
    }
    const trigger = await deps.triggers.getTrigger(projectId, id);
    if (!trigger) throw new NotFoundError(`Trigger ${id} not found`);
    const versions = await deps.triggers.listTriggerVersions(projectId, id);
    return c.json({ trigger: await userView(trigger, deps), versions });
  });

  app.post('/', requireRole('admin'), async (c) => {
    const body = await readBody(c, CreateBodySchema);
    const saved = await saveTrigger(
      {
        projectId: c.get('project').projectId,
        triggerId: body.id,
        definition: body.definition,
        baseVersion: undefined,
        ...(body.secret !== undefined ? { secret: body.secret } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        by: actor(c),
      },
      deps,
    );
    return c.json({ trigger: await userView(saved, deps) }, 201);
  });

  app.put('/:id', requireRole('admin'), async (c) => {
    const body = await readBody(c, UpdateBodySchema);
    const saved = await saveTrigger(
      {
        projectId: c.get('project').projectId,
        triggerId: idOf(c.req.param('id')),
        definition: body.definition,
        baseVersion: body.baseVersion,
        ...(body.secret !== undefined ? { secret: body.secret } : {}),
        by: actor(c),
      },
      deps,
    );
    return c.json({ trigger: await userView(saved, deps) });
  });

  app.put('/:id/enabled', requireRole('admin'), async (c) => {
    const body = await readBody(c, SwitchBodySchema);
    const triggerId = idOf(c.req.param('id'));
    await switchTrigger(
      { projectId: c.get('project').projectId, triggerId, enabled: body.enabled, by: actor(c) },
      deps,
    );
    return c.json({ triggerId, enabled: body.enabled });
  });

  app.post('/:id/start', requireRole('editor'), async (c) => {
    const body = await readBody(c, StartBodySchema);
    const principal = c.get('principal');
    const kill = await deps.killSwitches.isKilled(c.get('project').projectId);
    // A manual run lives in no task's outbox, so a held run would have nothing to release it later.
    if (kill.global || kill.project)
      throw new KillSwitchOnError('The kill switch is on: no trigger can be started now');
    const action = await startTriggerById(
      c.get('project'),
      idOf(c.req.param('id')),
      { inputs: body.inputs, ...(body.taskId ? { taskId: body.taskId } : {}) },
      { userId: principal.userId, username: principal.username },
      deps,
    );
    return c.json({ actionId: action.actionId, taskId: action.taskId, params: action.params }, 202);
  });

  return app;
}

async function userView(trigger: UserTrigger, deps: Pick<TriggerRoutesDeps, 'triggerSecrets'>) {
  return {
    ...trigger,
    builtIn: false as const,
    secretSet: await deps.triggerSecrets.has(trigger.projectId, trigger.triggerId),
  };
}
