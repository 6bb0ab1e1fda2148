import { Hono } from 'hono';
import { projectAccess, requireRole } from '../auth/project-access.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { integrationStatus } from '../views/settings-view.js';
import { apiTokenRoutes } from './api-tokens.js';
import { auditRoutes } from './audit.js';
import { importRoutes } from './import.js';
import { projectKillSwitchRoutes } from './kill-switch.js';
import { memberRoutes } from './members.js';
import { settingsRoutes } from './settings.js';
import { taskRoutes } from './tasks.js';
import { webhookRoutes } from './webhooks.js';

/**
 * Extra sub-apps mounted under /projects/:slug behind sign-in, CSRF and project access (the approvals
 * routes). They read `principal` and `project`, which ProjectEnv provides (a superset of what they need).
 */
export type ProjectMounts = Record<string, Hono<any, any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any sub-app Env

/**
 * Everything under /projects/:slug: project access (role from membership; outsiders get 404) runs
 * first, then each route checks the role it needs. `principal` and `project` are set for sub-apps.
 */
export function projectRoutes(deps: ApiDeps, mounts: ProjectMounts = {}): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();
  app.use('*', projectAccess(deps));

  app.get('/', async (c) => {
    const project = c.get('project');
    const [secrets, killSwitch] = await Promise.all([
      deps.secrets.status(project.projectId),
      deps.killSwitches.isKilled(project.projectId),
    ]);
    return c.json({
      projectId: project.projectId,
      slug: project.slug,
      name: project.name,
      role: c.get('principal').role,
      repos: project.github.repos,
      defaultRepo: project.github.defaultRepo ?? project.github.repos[0] ?? null,
      integration: integrationStatus(project, secrets),
      killSwitch,
    });
  });

  app.route('/', taskRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', settingsRoutes(deps));
  app.route('/', memberRoutes(deps));
  app.route('/', webhookRoutes(deps));
  app.route('/', projectKillSwitchRoutes(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', apiTokenRoutes(deps));
  const editor = requireRole('editor');
  for (const [path, sub] of Object.entries(mounts)) {
    // A floor for mounted sub-apps (they may be stricter): reading needs a role, changing needs editor.
    app.use(`${path}/*`, (c, next) => (c.req.method === 'GET' ? next() : editor(c, next)));
    app.route(path, sub);
  }
  return app;
}
