import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An API Gateway v2 event for a POST, with raw headers as given. */
export function postEvent(
  path: string,
  projectId: string,
  body: string | Buffer,
  headers: Record<string, string>,
): APIGatewayProxyEventV2 {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    pathParameters: { projectId },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'test',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `POST ${path}`,
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 0,
    },
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  };
}

/** A GitHub delivery signed like GitHub signs it. */
export function githubDelivery(
  projectId: string,
  secret: string,
  eventName: string,
  payload: unknown,
  options: {
    deliveryId?: string;
    body?: string | Buffer;
    signature?: string;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2 {
  const body = options.body ?? JSON.stringify(payload);
  const signature = options.signature ?? `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return postEvent(`/webhooks/github/${projectId}`, projectId, body, {
    'content-type': 'application/json',
    'x-github-event': eventName,
    'x-github-delivery': options.deliveryId ?? '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'x-hub-signature-256': signature,
    ...options.headers,
  });
}

/** An Asana delivery signed like Asana signs it. */
export function asanaDelivery(
  projectId: string,
  secret: string,
  payload: unknown,
  options: { body?: string | Buffer; signature?: string; headers?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const body = options.body ?? JSON.stringify(payload);
  const signature = options.signature ?? createHmac('sha256', secret).update(body).digest('hex');
  return postEvent(`/webhooks/asana/${projectId}`, projectId, body, {
    'content-type': 'application/json',
    'x-hook-signature': signature,
    ...options.headers,
  });
}
