import {
  DEFAULT_RETRY_AFTER_SECONDS,
  parseRetryAfter,
  PermanentIntegrationError,
  RateLimitedError,
  TransientIntegrationError,
} from '#core/errors.js';

/** What superagent (under the asana SDK) puts on its errors. */
interface SuperagentError extends Error {
  status?: number;
  code?: string;
  timeout?: number;
  response?: { body?: { errors?: { message?: string }[] }; headers?: Record<string, string | undefined> };
}

const NETWORK_CODES = new Set([
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** The HTTP status of an asana SDK error (undefined for network failures and bugs). */
export function asanaStatus(error: unknown): number | undefined {
  const status = (error as SuperagentError | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Translates an asana SDK failure into a domain error (`{ cause }` kept); anything else is rethrown untouched. */
export function translateAsanaError(error: unknown, operation: string): never {
  if (!(error instanceof Error)) throw error;
  const e = error as SuperagentError;
  const status = asanaStatus(error);
  if (status === undefined) {
    const network = e.timeout !== undefined || (e.code !== undefined && NETWORK_CODES.has(e.code));
    if (!network) throw error;
    throw new TransientIntegrationError(`Asana ${operation} failed: ${e.code ?? 'timeout'} ${e.message}`, {
      cause: error,
    });
  }
  const detail =
    e.response?.body?.errors
      ?.map((x) => x.message)
      .filter(Boolean)
      .join('; ') || e.message;
  const message = `Asana ${operation} failed (${status}): ${detail}`;
  if (status === 429) {
    const after = parseRetryAfter(e.response?.headers?.['retry-after'], new Date());
    throw new RateLimitedError(message, after ?? DEFAULT_RETRY_AFTER_SECONDS, { cause: error });
  }
  if (status === 408 || status >= 500) throw new TransientIntegrationError(message, { cause: error });
  throw new PermanentIntegrationError(message, { cause: error });
}
