import type { Context } from 'hono';
import type { z } from 'zod';
import { parseOrThrow } from '#core/validation.js';
import { BadBodyError } from './errors.js';

/** Reads a JSON body and validates it; errors name the field (`ValidationError`) or the body (`BadBodyError`). */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BadBodyError('Send the body as application/json');
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new BadBodyError('The body is not valid JSON');
  }
  return parseOrThrow(schema, body, 'body');
}
