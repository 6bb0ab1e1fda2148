import { Hono } from 'hono';
import { TriggerIdSchema } from '#core/triggers/trigger.js';
import { parseOrThrow } from '#core/validation.js';
import { saveTrigger, type TriggerAdminDeps } from '#lambdas/app/triggers/save-trigger.js';
import { switchTrigger } from '#lambdas/app/triggers/switch-trigger.js';
import { requireRole } from '../auth/project-access.js';
import type { ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';
import { startManualRun, type ManualRunDeps } from '../triggers/start-manual-run.js';
import {
  CreateTriggerBodySchema,
  StartTriggerBodySchema,
  SwitchTriggerBodySchema,
  UpdateTriggerBodySchema,
} from '../triggers/trigger-bodies.js';
import { readTriggerDetail, readTriggerList, userTriggerView } from '../views/trigger-view.js';

/** Ports of the triggers routes. */
export type TriggerRoutesDeps = TriggerAdminDeps & ManualRunDeps;

/**
 * The trigger registry of a project. Everyone reads it (secrets never, only whether one is set);
 * admins create, update (a new version) and switch triggers; editors run one by hand.
 */
export function createTriggersRoutes(deps: TriggerRoutesDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();
  const actor = (c: { get(key: 'principal'): { username: string } }) => `user:${c.get('principal').username}`;
  const idOf = (raw: string) => parseOrThrow(TriggerIdSchema, raw, 'trigger id');

  app.get('/', async (c) => c.json(await readTriggerList(c.get('project').projectId, deps)));

  app.get('/:id', async (c) =>
    c.json(await readTriggerDetail(c.get('project').projectId, idOf(c.req.param('id')), deps)),
  );

  app.post('/', requireRole('admin'), async (c) => {
    const body = await readBody(c, CreateTriggerBodySchema);
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
    return c.json({ trigger: await userTriggerView(saved, deps) }, 201);
  });

  app.put('/:id', requireRole('admin'), async (c) => {
    const body = await readBody(c, UpdateTriggerBodySchema);
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
    return c.json({ trigger: await userTriggerView(saved, deps) });
  });

  app.put('/:id/enabled', requireRole('admin'), async (c) => {
    const body = await readBody(c, SwitchTriggerBodySchema);
    const triggerId = idOf(c.req.param('id'));
    await switchTrigger(
      { projectId: c.get('project').projectId, triggerId, enabled: body.enabled, by: actor(c) },
      deps,
    );
    return c.json({ triggerId, enabled: body.enabled });
  });

  app.post('/:id/start', requireRole('editor'), async (c) => {
    const body = await readBody(c, StartTriggerBodySchema);
    const { userId, username } = c.get('principal');
    const action = await startManualRun(
      c.get('project'),
      idOf(c.req.param('id')),
      body,
      { userId, username },
      deps,
    );
    return c.json({ actionId: action.actionId, taskId: action.taskId, params: action.params }, 202);
  });

  return app;
}
