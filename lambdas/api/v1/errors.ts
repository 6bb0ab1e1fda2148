import { AutoFlowError } from '#core/errors.js';

/** An `Idempotency-Key` was used before with a different request (422). */
export class IdempotencyKeyReusedError extends AutoFlowError {
  override name = 'IdempotencyKeyReusedError' as const;
}

/** The first request with this `Idempotency-Key` is still running (409). */
export class IdempotencyKeyInUseError extends AutoFlowError {
  override name = 'IdempotencyKeyInUseError' as const;
}
