import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '#lambdas/api/app.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createHarness, INIT_TOKEN, ORIGIN, PASSWORD } from './harness.js';

/** An API Gateway HTTP API (payload 2.0) event, as CloudFront → API Gateway delivers it. */
function event(
  method: string,
  path: string,
  options: { body?: unknown; cookies?: string[]; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: '',
    ...(options.cookies && { cookies: options.cookies }),
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...options.headers },
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  };
}

describe('the API Lambda (hono/aws-lambda) under /api', () => {
  let db: Dynalite;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  it('signs in, returns the session cookie in `cookies`, and reads it back from the event', async () => {
    const h = await createHarness(db);
    const handler = handle(new Hono().route('/api', createApiApp(h.deps))) as unknown as (
      e: APIGatewayProxyEventV2,
      c: Context,
    ) => Promise<APIGatewayProxyStructuredResultV2>;

    const init = await handler(
      event('POST', '/api/auth/init', { body: { token: INIT_TOKEN, username: 'root', password: PASSWORD } }),
      {} as Context,
    );
    const cookie = init.cookies?.[0] ?? '';
    const projects = await handler(
      event('GET', '/api/projects', { cookies: [cookie.split(';')[0] ?? ''] }),
      {} as Context,
    );

    expect(init.statusCode).toBe(200);
    expect(cookie).toMatch(
      /^__Host-autoflow_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(projects.statusCode).toBe(200);
    expect(JSON.parse(projects.body ?? '{}')).toEqual({ items: [], canCreate: true });
  });
});
