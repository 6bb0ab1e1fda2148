import { describe, expect, it } from 'vitest';
import { translateAsanaError } from '#adapters/asana/errors.js';
import { translateGitHubError } from '#adapters/github/errors.js';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  parseRetryAfter,
  RateLimitedError,
  TransientIntegrationError,
} from '#core/errors.js';

const now = new Date('2026-11-25T10:00:00.000Z');

function thrown(fn: () => never): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
}

function githubError(status: number, message: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

function asanaError(status: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`status ${status}`), { status, response: { headers, body: {} } });
}

describe('parseRetryAfter', () => {
  it.each([
    ['17', 17],
    [' 0 ', 0],
    ['Wed, 25 Nov 2026 10:01:30 GMT', 90],
    ['Wed, 25 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('rate limits become RateLimitedError with the time asked for', () => {
  it('GitHub 429 with Retry-After', () => {
    const error = thrown(() => translateGitHubError(githubError(429, 'Too Many'), 'create issue'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(DEFAULT_RETRY_AFTER_SECONDS);

    const timed = thrown(() =>
      translateGitHubError(githubError(429, 'Too Many', { 'retry-after': '42' }), 'create issue'),
    );
    expect((timed as RateLimitedError).retryAfterSeconds).toBe(42);
  });

  it("GitHub's secondary rate limit (403) is a rate limit, a plain 403 is not", () => {
    const secondary = thrown(() =>
      translateGitHubError(
        githubError(403, 'You have exceeded a secondary rate limit', { 'retry-after': '60' }),
        'comment',
      ),
    );
    expect(secondary).toBeInstanceOf(RateLimitedError);
    expect((secondary as RateLimitedError).retryAfterSeconds).toBe(60);

    const forbidden = thrown(() =>
      translateGitHubError(githubError(403, 'Resource not accessible'), 'comment'),
    );
    expect(forbidden).not.toBeInstanceOf(TransientIntegrationError);
  });

  it("GitHub's primary limit waits until x-ratelimit-reset", () => {
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    const error = thrown(() =>
      translateGitHubError(
        githubError(403, 'API rate limit exceeded', {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': reset,
        }),
        'list runs',
      ),
    ) as RateLimitedError;
    expect(error.retryAfterSeconds).toBeGreaterThan(100);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('Asana 429 with Retry-After; 5xx stays a plain transient error', () => {
    const limited = thrown(() => translateAsanaError(asanaError(429, { 'retry-after': '9' }), 'get task'));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterSeconds).toBe(9);

    const unavailable = thrown(() => translateAsanaError(asanaError(503), 'get task'));
    expect(unavailable).toBeInstanceOf(TransientIntegrationError);
    expect(unavailable).not.toBeInstanceOf(RateLimitedError);
  });
});

describe('RateLimitedError', () => {
  it('keeps the name the state machines retry on', () => {
    expect(new RateLimitedError('429', 5).name).toBe('TransientIntegrationError');
  });
});
