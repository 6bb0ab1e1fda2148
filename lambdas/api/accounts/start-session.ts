import { DEFAULT_SESSION_LIMITS, openSession, sessionEnd, type Session } from '#core/accounts/session.js';
import type { User } from '#core/accounts/user.js';
import type { ApiDeps } from '../deps.js';

/** Opens a new session for a user: a fresh cookie value and CSRF token every time (rotation at sign-in). */
export async function startSession(
  user: User,
  deps: Pick<ApiDeps, 'sessions' | 'tokens' | 'clock' | 'options'>,
): Promise<{ token: string; session: Session }> {
  const limits = deps.options.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  const token = deps.tokens.newToken();
  const session = openSession(user.userId, deps.tokens.newToken(), deps.clock.now(), limits);
  await deps.sessions.createSession(token, session, sessionEnd(session, limits));
  return { token, session };
}
