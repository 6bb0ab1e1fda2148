/** Base of every domain error; `name` is a literal so ASL Retry/Catch can match it after bundling. */
export class AutoFlowError extends Error {
  override name = 'AutoFlowError';
}

/** A conditional write lost a race: someone else saved the task first. */
export class VersionConflictError extends AutoFlowError {
  override name = 'VersionConflictError' as const;
}

/** A reference (Asana gid, issue, PR, merge SHA) already points at another task. */
export class ReferenceConflictError extends AutoFlowError {
  override name = 'ReferenceConflictError' as const;
}

/** The thing asked for does not exist. */
export class NotFoundError extends AutoFlowError {
  override name = 'NotFoundError' as const;
}

/** Input failed validation; `issues` name each field and reason. */
export class ValidationError extends AutoFlowError {
  override name = 'ValidationError' as const;
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** A kill switch went on after Evaluate allowed the action: it is held, not performed (see Authorize). */
export class EffectHeldError extends AutoFlowError {
  override name = 'EffectHeldError' as const;
}

/** A transient failure of an integration (5xx, throttling, timeout): safe to retry. */
export class TransientIntegrationError extends AutoFlowError {
  override name = 'TransientIntegrationError' as const;
}

/**
 * The integration asked us to slow down (429, or GitHub's secondary rate limit) for longer than a
 * call waits in place; `retryAfterSeconds` is what it asked for (a default when it named no time).
 */
export class RateLimitedError extends TransientIntegrationError {
  // Keeps the name TransientIntegrationError: the state machines' Retry and Catch match on error names.
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Seconds to wait when a rate-limited response carries no usable Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * Reads a Retry-After header value: delay-seconds, or an HTTP date relative to `now` (RFC 9110 §10.2.3);
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** A permanent failure of an integration (4xx other than throttling): retrying will not help. */
export class PermanentIntegrationError extends AutoFlowError {
  override name = 'PermanentIntegrationError' as const;
}

/** A capability or signature check failed. */
export class UnauthorizedError extends AutoFlowError {
  override name = 'UnauthorizedError' as const;
}

/** A project has no token for an integration. */
export class MissingTokenError extends PermanentIntegrationError {
  // Keeps the name PermanentIntegrationError: callers that retry or catch by name treat it the same.
}
