import { createHash } from 'node:crypto';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

const ResilientOctokit = Octokit.plugin(retry, throttling);

export interface CreateOctokitOptions {
  token: string;
  /** The API root (the sandbox's is `${url}/github`). @default 'https://api.github.com' */
  baseUrl?: string;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
  /** Retries of 5xx and network errors (backoff 1 s, 4 s, 9 s...). @default 2 */
  retries?: number;
  /** Retries after a primary or secondary rate limit, each after GitHub's Retry-After. @default 2 */
  rateLimitRetries?: number;
  /** A longer Retry-After is not waited for here: the call fails (transient) for the caller to reschedule. @default 60 */
  maxRetryAfterSeconds?: number;
  /** Space writes as GitHub asks (1 s between writes, 3 s between notifying ones); off for the sandbox and tests. @default true */
  paceWrites?: boolean;
  /** Octokit's logger. @default quiet: failures surface as domain errors, logged once at the edge */
  log?: {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  };
}

const noop = (): void => undefined;
const quietLog = { debug: noop, info: noop, warn: (message: string) => console.warn(message), error: noop };

type LimiterGroup = NonNullable<ThrottlingOptions['write']>;

/** A limiter group that lets every job through at once (the throttling plugin schedules writes on it). */
const unpaced = {
  key: () => ({ schedule: (_options: unknown, job: () => unknown) => job() }),
} as unknown as LimiterGroup;

/** Octokit with bounded retries (5xx, network, timeouts) and rate-limit handling that honours Retry-After. */
export function createOctokit(options: CreateOctokitOptions): Octokit {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const onLimit = (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number): boolean =>
    retryCount < rateLimitRetries && retryAfter <= maxRetryAfter;
  return new ResilientOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'auto-flow',
    log: options.log ?? quietLog,
    request: {
      fetch: (url: string, init?: RequestInit) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        return fetch(url, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
        });
      },
    },
    // 429 is the throttling plugin's to retry (after Retry-After), not the backoff retrier's.
    retry: { retries: options.retries ?? 2, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      // Limiters are shared per id: one per token, so projects do not queue behind each other.
      id: createHash('sha256').update(options.token).digest('hex').slice(0, 16),
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
      ...(options.paceWrites === false ? { write: unpaced, notifications: unpaced } : {}),
    },
  });
}
