import { createHash } from 'node:crypto';
import { ValidationError } from '#core/errors.js';
import type { IdempotencyStore } from '#lambdas/console-ports.js';
import type { Clock } from '#lambdas/ports.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './errors.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A response as the registry produces it (and the store replays it). */
export interface PlainResponse {
  status: number;
  body: string;
}

/**
 * Runs a POST at most once per `Idempotency-Key` (per token) within 24 hours. The same key with the
 * same method, path and body replays the stored response; with a different request it answers 422
 * (the key was reused); while the first request runs, 409. 5xx answers, 409 and 429 are not kept, so
 * the client may retry them with the same key. A success that carries a secret is never stored: its
 * replay answers 409 instead.
 */
export async function withIdempotency(
  input: {
    key: string | undefined;
    scope: string;
    method: string;
    path: string;
    rawBody: string;
    /** The answer carries a secret (a new token): keep only its status, and answer a replay with 409. */
    secretAnswer?: boolean;
  },
  deps: { idempotency: IdempotencyStore; clock: Clock },
  run: () => Promise<PlainResponse>,
): Promise<PlainResponse & { replayed?: boolean }> {
  if (input.key === undefined) return run();
  if (!KEY_PATTERN.test(input.key))
    throw new ValidationError('Invalid Idempotency-Key', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  const digest = createHash('sha256')
    .update(`${input.method} ${input.path}\n${input.rawBody}`, 'utf8')
    .digest('base64url');
  const now = deps.clock.now();
  const window = { now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS) };
  const existing = await deps.idempotency.claim(input.scope, input.key, digest, window);
  if (existing) {
    if (existing.requestDigest !== digest)
      throw new IdempotencyKeyReusedError('This Idempotency-Key was used with a different request');
    if (!existing.response)
      throw new IdempotencyKeyInUseError('A request with this Idempotency-Key is still running');
    if (input.secretAnswer && existing.response.status < 300)
      throw new IdempotencyKeyInUseError(
        'This Idempotency-Key already created it; its secret was shown once and is not kept',
      );
    return { ...existing.response, replayed: true };
  }
  let response: PlainResponse;
  try {
    response = await run();
  } catch (error) {
    await deps.idempotency.release(input.scope, input.key);
    throw error;
  }
  if (response.status >= 500 || response.status === 409 || response.status === 429)
    await deps.idempotency.release(input.scope, input.key);
  else
    await deps.idempotency.complete(
      input.scope,
      input.key,
      input.secretAnswer && response.status < 300 ? { status: response.status, body: '' } : response,
    );
  return response;
}
