import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrfProtection } from './auth/csrf.js';
import { bodyGuard } from './body-guard.js';
import { loadSession, requireSignIn } from './auth/session-auth.js';
import type { ApiDeps } from './deps.js';
import type { ApiEnv } from './env.js';
import { onApiError } from './on-error.js';
import { apiHeaders, requestLog } from './request-log.js';
import { authRoutes } from './routes/auth.js';
import { deadLetterRoutes } from './routes/dead-letters.js';
import { globalKillSwitchRoutes } from './routes/kill-switch.js';
import { projectRoutes, type ProjectMounts } from './routes/project.js';
import { projectsRoutes } from './routes/projects.js';

export type { ApiDeps } from './deps.js';

/** Console request bodies are small (settings, notes); anything larger is refused before parsing. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The console API behind /api: sessions (cookie), CSRF defence, roles per project. Every route is
 * checked on the server; the SPA only hides what a role cannot do. `mounts` adds project sub-apps
 * (approvals) behind the same checks.
 */
export function createApiApp(deps: ApiDeps, mounts: ProjectMounts = {}): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', apiHeaders, requestLog(deps.logger));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: { code: 'body_too_large', message: 'The request body is too large' } }, 413),
    }),
  );
  app.use('*', bodyGuard, loadSession(deps), csrfProtection(deps.options.allowedOrigins));

  app.route('/auth', authRoutes(deps));
  app.use('/projects/*', requireSignIn);
  app.use('/projects', requireSignIn);
  app.route('/projects', projectsRoutes(deps));
  app.route('/projects/:slug', projectRoutes(deps, mounts));
  app.route('/kill-switch', globalKillSwitchRoutes(deps));
  app.route('/dead-letters', deadLetterRoutes(deps));

  app.onError(onApiError(deps.logger));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  return app;
}
