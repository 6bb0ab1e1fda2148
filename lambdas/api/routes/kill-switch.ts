import { Hono } from 'hono';
import { z } from 'zod';
import { GLOBAL_CHAIN } from '#core/audit/entry.js';
import { setKillSwitch, type KillSwitchDeps } from '#lambdas/app/set-kill-switch.js';
import { requireRole } from '../auth/project-access.js';
import { requireInstanceAdmin, requireSignIn } from '../auth/session-auth.js';
import type { ApiDeps } from '../deps.js';
import type { ApiEnv, ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';

const SwitchSchema = z.object({ on: z.boolean() });

/** What the kill switch use case needs, from the API's dependencies. */
function killSwitchDeps(deps: ApiDeps): KillSwitchDeps {
  const { killSwitches, projects, audit, clock, logger, pipeline } = deps;
  return { killSwitches, projects, audit, clock, logger, pipeline };
}

/** A project's kill switch: everyone sees it; project admins flip it (audited; off releases held effects). */
export function projectKillSwitchRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/kill-switch', async (c) => c.json(await deps.killSwitches.isKilled(c.get('project').projectId)));

  app.put('/kill-switch', requireRole('admin'), async (c) => {
    const { on } = await readBody(c, SwitchSchema);
    const { projectId } = c.get('project');
    const by = `user:${c.get('principal').username}`;
    const { released } = await setKillSwitch({ projectId, on, by }, killSwitchDeps(deps));
    return c.json({ ...(await deps.killSwitches.isKilled(projectId)), released });
  });

  return app;
}

/** The global kill switch: everyone signed in sees it; instance admins flip it (audited on the global chain). */
export function globalKillSwitchRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/', requireSignIn, async (c) => {
    // AP-13 reads the global switch with any project's; the reserved chain name is no project.
    const { global } = await deps.killSwitches.isKilled(GLOBAL_CHAIN);
    return c.json({ global });
  });

  app.put('/', requireInstanceAdmin, async (c) => {
    const { on } = await readBody(c, SwitchSchema);
    const by = `user:${c.get('signedIn')!.user.username}`;
    const { released } = await setKillSwitch({ on, by }, killSwitchDeps(deps));
    return c.json({ global: on, released });
  });

  return app;
}
