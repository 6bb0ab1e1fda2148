import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { SandboxError } from './errors.js';

const HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

/** Asana's error body: `{ errors: [{ message, help }] }`. */
export function asanaError(c: Context, status: number, messages: string[]): Response {
  return c.json({ errors: messages.map((message) => ({ message, help: HELP })) }, status as 400);
}

/** Renders any error in Asana's shape (validation errors become 400s naming the field). */
export function onAsanaError(error: Error, c: Context): Response {
  if (!(error instanceof SandboxError)) {
    return c.json(
      { errors: [{ message: `Server Error: ${error.message}`, phrase: '6 sad squid snuggle softly' }] },
      500,
    );
  }
  const status = error.status === 422 ? 400 : error.status;
  const messages =
    error.fields.length > 0 ? error.fields.map((f) => `${f.field}: ${f.message}`) : [error.message];
  return asanaError(c, status, messages);
}

/** Accepts `Authorization: Bearer <t>` with the sandbox's Asana token, unless `revoked()` says it was revoked. */
export function asanaAuth(token: string, revoked: () => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    const match = /^bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (revoked() || match?.[1] !== token) return asanaError(c, 401, ['Not Authorized']);
    return next();
  };
}

/** The `data` of a JSON body, validated by `schema` (400 with Asana's messages otherwise). */
export async function asanaBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new SandboxError(400, 'Could not parse request data, invalid JSON');
  }
  if (!raw || typeof raw !== 'object' || !('data' in raw)) throw new SandboxError(400, 'data: Missing input');
  return asanaValid(schema, (raw as { data: unknown }).data, 'data');
}

/** `value` validated by `schema`; messages are prefixed with `prefix.field`. */
export function asanaValid<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'data',
    code: issue.code,
    message:
      issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new SandboxError(400, 'Invalid request', fields);
}

/** Top-level field names asked for by `opt_fields` (undefined when absent). */
export function optFields(c: Context): Set<string> | undefined {
  const raw = c.req.query('opt_fields');
  if (!raw) return undefined;
  return new Set(
    raw
      .split(',')
      .map((f) => f.trim().split('.')[0] ?? '')
      .filter(Boolean),
  );
}

/** Keeps `gid` and the fields asked for (all fields when none were asked for). */
export function selectFields(
  record: Record<string, unknown>,
  fields: Set<string> | undefined,
): Record<string, unknown> {
  if (!fields) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => k === 'gid' || fields.has(k)));
}
