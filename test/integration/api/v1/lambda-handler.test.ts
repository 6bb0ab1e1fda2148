import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { seedTwoProjects } from './v1-fixture.js';
import { createV1Harness } from './v1-harness.js';

/** An API Gateway HTTP API (payload 2.0) event with no Origin and no cookie, as a script sends it. */
function event(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'curl' },
      requestId: 'r',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

describe('/api/v1 in the API Lambda, beside the console', () => {
  let db: Dynalite;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  it('accepts a bearer POST without Origin or CSRF token, while the console still demands them', async () => {
    const h = await createV1Harness(db);
    const seed = await seedTwoProjects(h);
    // The composition of lambdas/handlers/api.ts: /api/v1 first, then the console under /api.
    const handler = handle(h.front) as unknown as (
      e: APIGatewayProxyEventV2,
      c: Context,
    ) => Promise<APIGatewayProxyStructuredResultV2>;
    const bearer = { authorization: `Bearer ${seed.tokens.admin.secret}` };

    const created = await handler(
      event('POST', '/api/v1/links', bearer, { title: 'Doc', url: 'https://doc.test' }),
      {} as Context,
    );
    const doc = await handler(event('GET', '/api/v1/openapi.json', {}), {} as Context);
    const consoleWrite = await handler(
      event('PUT', '/api/projects/acme/kill-switch', bearer, { on: true }),
      {} as Context,
    );

    expect(created.statusCode).toBe(201);
    expect(JSON.parse(doc.body ?? '{}')).toMatchObject({ openapi: '3.1.0' });
    expect([401, 403]).toContain(consoleWrite.statusCode);
  });
});
