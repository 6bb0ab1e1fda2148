import { createMiddleware } from 'hono/factory';
import { BadBodyError } from './errors.js';

/** Deeper JSON than any console body needs; beyond it parsing is refused before any route runs. */
export const MAX_JSON_DEPTH = 16;
/** Longer than any console field needs (task notes are 20,000; knowledge notes fit): refused by name. */
export const MAX_JSON_STRING = 32_768;
/** Keys that mean prototype tampering in JavaScript; no console body uses them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The first problem of a parsed JSON value: too deep, a forbidden key or a huge string (with its path). */
function shapeProblem(value: unknown, depth: number, path: string): string | undefined {
  if (typeof value === 'string' && value.length > MAX_JSON_STRING)
    return `The body has a string longer than ${MAX_JSON_STRING} characters at ${path || '(root)'}`;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_JSON_DEPTH) return `The body is nested more than ${MAX_JSON_DEPTH} levels deep`;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return `The body has a forbidden key: ${at}`;
    const problem = shapeProblem(child, depth + 1, at);
    if (problem) return problem;
  }
  return undefined;
}

/** Counts nesting on the raw text, so a hostile depth never reaches the recursive parser. */
function rawDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return max;
}

/**
 * Every state-changing request with a body, whatever its route (also those that read no body):
 * sent as application/json, valid UTF-8, valid JSON, at most MAX_JSON_DEPTH deep, no string over
 * MAX_JSON_STRING characters, and free of `__proto__`/`constructor`/`prototype` keys. Refusals are 400s naming the problem; routes then
 * validate the fields with their schemas (the cached body is read again).
 */
export const bodyGuard = createMiddleware(async (c, next) => {
  if (BODYLESS.has(c.req.method)) return next();
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) return next();
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BadBodyError('Send the body as application/json');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BadBodyError('The body is not valid UTF-8');
  }
  if (rawDepth(text) > MAX_JSON_DEPTH)
    throw new BadBodyError(`The body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadBodyError('The body is not valid JSON');
  }
  const problem = shapeProblem(body, 1, '');
  if (problem) throw new BadBodyError(problem);
  await next();
});
