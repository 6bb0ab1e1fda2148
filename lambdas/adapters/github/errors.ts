import {
  DEFAULT_RETRY_AFTER_SECONDS,
  parseRetryAfter,
  PermanentIntegrationError,
  RateLimitedError,
  TransientIntegrationError,
} from '#core/errors.js';

interface HttpError extends Error {
  status: number;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** True for Octokit's RequestError (and the AbortError it rethrows with a status). */
export function isGitHubHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/** True when retrying later may succeed: throttling, 5xx, timeouts and network failures (Octokit reports those as 500). */
export function isTransientGitHubError(error: HttpError): boolean {
  if (error.status >= 500 || error.status === 429 || error.status === 408) return true;
  if (error.status !== 403) return false;
  return /rate limit/i.test(error.message) || error.response?.headers?.['x-ratelimit-remaining'] === '0';
}

function isRateLimit(error: HttpError): boolean {
  return error.status === 429 || (error.status === 403 && isTransientGitHubError(error));
}

/** Retry-After, else the primary limit's reset time, else a default (secondary limits may name neither). */
function retryAfterOf(error: HttpError, now = new Date()): number {
  const headers = error.response?.headers ?? {};
  const after = parseRetryAfter(headers['retry-after'], now);
  if (after !== undefined) return after;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - now.getTime() / 1000));
  return DEFAULT_RETRY_AFTER_SECONDS;
}

/** Translates an Octokit failure into a domain error (`{ cause }` kept); anything else is rethrown untouched. */
export function translateGitHubError(error: unknown, operation: string): never {
  if (!isGitHubHttpError(error)) throw error;
  const message = `GitHub ${operation} failed (${error.status}): ${error.message}`;
  if (isRateLimit(error)) throw new RateLimitedError(message, retryAfterOf(error), { cause: error });
  if (isTransientGitHubError(error)) throw new TransientIntegrationError(message, { cause: error });
  throw new PermanentIntegrationError(message, { cause: error });
}
