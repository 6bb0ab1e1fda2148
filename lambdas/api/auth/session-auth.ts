import { createMiddleware } from 'hono/factory';
import { AuthenticationError, PermissionDeniedError } from '#core/accounts/errors.js';
import { DEFAULT_SESSION_LIMITS, needsTouch, sessionEnd, sessionState } from '#core/accounts/session.js';
import type { ApiDeps } from '../deps.js';
import type { ApiEnv, SignedIn } from '../env.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

/**
 * Loads the session named by the cookie, if any: checks its idle and absolute ends on every read
 * (TTL deletion lags), ends a lapsed one, and moves `lastSeenAt` at most once a minute.
 */
export function loadSession(deps: ApiDeps) {
  const limits = deps.options.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  return createMiddleware<ApiEnv>(async (c, next) => {
    c.set('signedIn', undefined);
    const token = readSessionCookie(c, deps.options.cookie);
    if (token !== undefined) {
      const signedIn = await resolve(deps, token, limits);
      if (signedIn) c.set('signedIn', signedIn);
      else clearSessionCookie(c, deps.options.cookie);
    }
    await next();
  });
}

async function resolve(
  deps: ApiDeps,
  token: string,
  limits: typeof DEFAULT_SESSION_LIMITS,
): Promise<SignedIn | undefined> {
  const session = await deps.sessions.getSession(token);
  if (!session) return undefined;
  const now = deps.clock.now();
  if (sessionState(session, now, limits) !== 'active') {
    await deps.sessions.deleteSession(token);
    return undefined;
  }
  const user = await deps.users.getUser(session.userId);
  if (!user) return undefined;
  if (!needsTouch(session, now, limits)) return { user, session, token };
  const touched = { ...session, lastSeenAt: now.toISOString() };
  await deps.sessions.touchSession(token, now, sessionEnd(touched, limits));
  return { user, session: touched, token };
}

/** Refuses requests without a valid session (401). */
export const requireSignIn = createMiddleware<ApiEnv>(async (c, next) => {
  if (!c.get('signedIn')) throw new AuthenticationError('Sign in first');
  await next();
});

/** Refuses everyone but instance admins (401 / 403). */
export const requireInstanceAdmin = createMiddleware<ApiEnv>(async (c, next) => {
  const signedIn = c.get('signedIn');
  if (!signedIn) throw new AuthenticationError('Sign in first');
  if (!signedIn.user.admin) throw new PermissionDeniedError('Only an instance admin can do this');
  await next();
});
