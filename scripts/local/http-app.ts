import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Hono, type Context } from 'hono';
import type { ReadinessReport } from '#core/readiness.js';
import { bodyLimit } from 'hono/body-limit';
import { toApiGatewayEvent, toResponse } from './apigw-event.js';
import { serveConsole } from './static-console.js';

type HttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the local HTTP front door routes to. */
export interface LocalHttpAppOptions {
  githubReceiver: HttpHandler;
  asanaReceiver: HttpHandler;
  /** The /api app (mounted as is). */
  api: Hono<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any Env: the app sets its own variables
  /** Readiness: store, queue and secrets, and each project's stored integration health. */
  ready: () => Promise<ReadinessReport>;
  /** Folder of the built console (frontend/dist). */
  staticDir: string;
  /** Sandbox base URL: its control API is proxied under /sandbox so the console can drive it same-origin. */
  sandboxUrl?: string;
}

/** API Gateway's payload limit: larger requests never reach a function. */
const API_GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

/** The local stand-in for API Gateway + CloudFront: webhooks to the receivers, /api, health, and the console. */
export function createLocalHttpApp(options: LocalHttpAppOptions): Hono {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: API_GATEWAY_MAX_BYTES,
    onError: (c) =>
      c.json({ error: { code: 'body_too_large', message: 'Request body exceeds 10 MiB' } }, 413),
  });
  app.post('/webhooks/github/:projectId', limit, (c) =>
    invoke(c, options.githubReceiver, 'POST /webhooks/github/{projectId}'),
  );
  app.post('/webhooks/asana/:projectId', limit, (c) =>
    invoke(c, options.asanaReceiver, 'POST /webhooks/asana/{projectId}'),
  );
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const report = await options.ready();
    return c.json(report, report.status === 'not_ready' ? 503 : 200);
  });
  app.route('/api', options.api);
  const { sandboxUrl } = options;
  if (sandboxUrl) {
    app.all('/sandbox/*', limit, async (c) => {
      const url = new URL(c.req.url);
      const body = ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
      const headers = new Headers({ 'content-type': c.req.header('content-type') ?? 'application/json' });
      const res = await fetch(`${sandboxUrl}${url.pathname}${url.search}`, {
        method: c.req.method,
        headers,
        body,
      });
      return new Response(res.body, {
        status: res.status,
        headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
      });
    });
  }
  const spa = serveConsole(options.staticDir);
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/webhooks/')) return c.notFound();
    return spa(c);
  });
  return app;
}

async function invoke(c: Context, handler: HttpHandler, routeKey: string): Promise<Response> {
  const url = new URL(c.req.url);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const event = toApiGatewayEvent(
    {
      method: c.req.method,
      routeKey,
      path: url.pathname,
      query: url.search.slice(1),
      headers: c.req.raw.headers,
      body,
      pathParameters: c.req.param() as Record<string, string>,
      sourceIp: incoming?.socket?.remoteAddress ?? '127.0.0.1',
    },
    new Date(),
  );
  return toResponse(await handler(event));
}
