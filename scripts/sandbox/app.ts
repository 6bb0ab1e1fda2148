import { Hono } from 'hono';
import type { SandboxContext } from './context.js';
import { asanaApi } from './asana-api.js';
import { asanaError } from './asana-http.js';
import { countCalls } from './calls.js';
import type { SandboxControl } from './control.js';
import { controlApi } from './control-api.js';
import { githubApi } from './github-api.js';
import { githubError } from './github-http.js';
import { sinkRoutes } from './sink-routes.js';
import { webPages } from './web-pages.js';

/** The whole sandbox as one Hono app: GitHub, Asana, the control API, a webhook sink and the pages behind links. */
export function createSandboxApp(ctx: SandboxContext, control: SandboxControl): Hono {
  const app = new Hono();
  app.use('/github/*', countCalls(ctx.store, 'github'));
  app.use('/asana/api/*', countCalls(ctx.store, 'asana'));
  app.route('/github', githubApi(ctx));
  app.route('/asana/api/1.0', asanaApi(ctx));
  app.route('/sandbox', controlApi(control));
  app.route('/sink', sinkRoutes());
  app.route('/', webPages(ctx));
  // Mounted apps share the root's notFound: answer in each service's own shape.
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/github/')) return githubError(c, 404, 'Not Found');
    if (path.startsWith('/asana/api/')) return asanaError(c, 404, ['Not found']);
    return c.json({ error: { message: `no route ${c.req.method} ${path}` } }, 404);
  });
  return app;
}
