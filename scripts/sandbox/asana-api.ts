import { Hono } from 'hono';
import type { SandboxContext } from './context.js';
import { asanaAuth, onAsanaError } from './asana-http.js';
import { asanaTaskRoutes } from './asana-task-routes.js';
import { asanaWebhookRoutes } from './asana-webhook-routes.js';

/** The Asana REST subset, mounted at `/asana/api/1.0` (the asana SDK's basePath). */
export function asanaApi(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.use('*', ctx.faults.middleware('asana', '/asana/api/1.0'));
  app.use(
    '*',
    asanaAuth(ctx.tokens.asana, () => ctx.revokedTokens.has('asana')),
  );
  // The token's owner: what a client calls to learn whether its token still works.
  app.get('/users/me', (c) =>
    c.json({ data: { gid: '1', resource_type: 'user', name: 'Auto-Flow sandbox' } }),
  );
  app.route('/', asanaTaskRoutes(ctx));
  app.route('/', asanaWebhookRoutes(ctx));
  app.onError(onAsanaError);
  return app;
}
