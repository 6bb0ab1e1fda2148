import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** An HTTP request as the local server hands it to a Lambda handler. */
export interface LocalRequest {
  method: string;
  routeKey: string;
  path: string;
  query: string;
  headers: Headers;
  body: Uint8Array;
  pathParameters: Record<string, string>;
  sourceIp: string;
}

/** Builds the API Gateway HTTP API (payload v2) event for a request, as AWS would deliver it. */
export function toApiGatewayEvent(req: LocalRequest, now: Date): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return {
    version: '2.0',
    routeKey: req.routeKey,
    rawPath: req.path,
    rawQueryString: req.query,
    headers,
    pathParameters: req.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method,
        path: req.path,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: req.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    // Always base64, so the handler sees the exact bytes that were signed.
    body: Buffer.from(req.body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** Turns a handler's structured result back into a fetch Response. */
export function toResponse(result: APIGatewayProxyStructuredResultV2): Response {
  const body =
    result.body === undefined
      ? null
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body;
  const headers = new Headers();
  for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k, String(v));
  return new Response(body, { status: result.statusCode ?? 200, headers });
}
