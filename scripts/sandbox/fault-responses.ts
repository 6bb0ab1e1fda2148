import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';

/** What an injected API failure answers. */
export interface FaultAnswer {
  status: number;
  message?: string;
  retryAfterSeconds: number;
}

const ASANA_HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';
const RATE_LIMIT_DOCS =
  'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api';

/** GitHub's answer: 429 primary rate limit, 403 secondary rate limit (no message), else the status. */
export function githubFault(c: Context, fault: FaultAnswer): Response {
  const { status, retryAfterSeconds } = fault;
  const requestId = randomBytes(8)
    .toString('hex')
    .toUpperCase()
    .replace(/(.{4})/g, '$1:')
    .slice(0, -1);
  const reset = String(Math.ceil(Date.now() / 1000) + retryAfterSeconds);
  c.header('x-github-request-id', requestId);
  c.header('x-ratelimit-limit', '5000');
  c.header('x-ratelimit-reset', reset);
  c.header('x-ratelimit-resource', 'core');
  if (status === 429) {
    c.header('x-ratelimit-remaining', '0');
    c.header('x-ratelimit-used', '5000');
    c.header('retry-after', String(retryAfterSeconds));
    const message = 'API rate limit exceeded for user ID 1.';
    return c.json(
      { message, documentation_url: `${RATE_LIMIT_DOCS}#about-primary-rate-limits`, status: '429' },
      429,
    );
  }
  c.header('x-ratelimit-remaining', '4987');
  c.header('x-ratelimit-used', '13');
  if (status === 403 && !fault.message) {
    c.header('retry-after', String(retryAfterSeconds));
    const message =
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
      `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
    return c.json(
      { message, documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`, status: '403' },
      403,
    );
  }
  const message = fault.message ?? (status >= 500 ? 'Server Error' : 'Injected failure');
  return c.json(
    { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
    status as 400,
  );
}

/** Asana's answer: 429 with Retry-After, 5xx with a phrase, else the status. */
export function asanaFault(c: Context, fault: FaultAnswer): Response {
  const { status } = fault;
  if (status === 429) {
    c.header('Retry-After', String(fault.retryAfterSeconds));
    return c.json(
      {
        errors: [
          { message: 'You have made too many requests recently. Please, be chill.', help: ASANA_HELP },
        ],
      },
      429,
    );
  }
  if (status >= 500) {
    return c.json(
      { errors: [{ message: fault.message ?? 'Server Error', phrase: '6 sad squid snuggle softly' }] },
      status as 500,
    );
  }
  return c.json(
    { errors: [{ message: fault.message ?? 'Injected failure', help: ASANA_HELP }] },
    status as 400,
  );
}
