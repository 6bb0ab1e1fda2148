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

/** A header by name, case-insensitively; undefined when absent. A repeated header arrives comma-joined (see `repeatedHeader`). */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * The first of `names` that was sent more than once: API Gateway v2 joins repeats with a comma, so a
 * comma in a header whose value never holds one (signatures, ids, event names) means a repeat.
 */
export function repeatedHeader(event: APIGatewayProxyEventV2, names: string[]): string | undefined {
  const entries = Object.entries(event.headers ?? {});
  return names.find((name) => {
    const values = entries.filter(([key]) => key.toLowerCase() === name.toLowerCase());
    return values.length > 1 || values.some(([, value]) => value?.includes(',') === true);
  });
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
