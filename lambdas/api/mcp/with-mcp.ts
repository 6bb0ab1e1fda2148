import { Hono } from 'hono';
import type { ApiEnv } from '../env.js';

/**
 * The /api app with the MCP endpoint at `/mcp` beside the console app, outside its cookie and CSRF
 * middleware (MCP clients authenticate with a bearer token, per request).
 */
export function withMcp(api: Hono<ApiEnv>, mcp: Hono): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.route('/mcp', mcp);
  app.route('/', api);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  return app;
}
