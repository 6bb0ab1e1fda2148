import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { McpDeps } from './deps.js';
import { createMcpServer } from './mcp-server.js';

/** Tool arguments are small (notes ≤ 4,000 characters, task notes ≤ 20,000). */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The MCP endpoint (streamable HTTP, stateless: one server and transport per request, JSON answers),
 * authenticated with a project API token. Mount it outside the console app (no cookie, no CSRF).
 */
export function mcpRoutes(deps: McpDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: { code: 'body_too_large', message: 'The request body is too large' } }, 413),
    }),
  );
  app.all('/', async (c) => {
    const caller = await deps.authenticate(c.req.header('authorization'));
    if (!caller)
      return c.json(
        {
          error: {
            code: 'unauthenticated',
            message: 'A project API token is required (Authorization: Bearer …)',
          },
        },
        401,
        { 'WWW-Authenticate': 'Bearer realm="auto-flow"' },
      );
    const server = createMcpServer(caller, deps);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      // JSON answers are complete once handleRequest resolves, so the per-request server can go.
      await server.close();
    }
  });
  return app;
}
