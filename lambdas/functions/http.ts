import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A JSON response in API Gateway v2 shape. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** A problem response: a stable code, a message that names the problem, and field issues when known. */
export function problem(
  statusCode: number,
  code: string,
  message: string,
  issues?: { path: string; message: string }[],
): APIGatewayProxyStructuredResultV2 {
  return json(statusCode, { error: { code, message, ...(issues ? { issues } : {}) } });
}

/** A header by name, case-insensitively; undefined when absent or sent more than once (comma-joined). */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The raw body bytes, decoding base64 when API Gateway encoded them. */
export function rawBody(event: APIGatewayProxyEventV2): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** True when the content type is JSON (or absent, as some senders omit it). */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true;
  const type = value.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type?.startsWith('application/') === true && type.endsWith('+json'));
}
