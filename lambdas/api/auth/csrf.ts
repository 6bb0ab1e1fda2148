import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../env.js';
import { CsrfError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * CSRF defence for every state-changing request: the browser's Origin (or Sec-Fetch-Site) must be the
 * console's own, and a signed-in request must echo its session's synchronizer token in X-CSRF-Token.
 * Requests before sign-in (login, first admin, invites) have no token; they must be JSON, which a
 * cross-site form cannot send and cross-site fetch cannot send without a CORS preflight we never grant.
 */
export function csrfProtection(allowedOrigins: () => readonly string[]) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin !== undefined && !allowedOrigins().includes(origin))
      throw new CsrfError('Cross-origin request refused');
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none')
      throw new CsrfError('Cross-site request refused');
    const signedIn = c.get('signedIn');
    if (signedIn && !sameToken(c.req.header(CSRF_HEADER), signedIn.session.csrfToken))
      throw new CsrfError('Missing or wrong X-CSRF-Token; reload the page');
    await next();
  });
}

function sameToken(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
