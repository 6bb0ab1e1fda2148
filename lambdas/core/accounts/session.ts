import { z } from 'zod';

/** A signed-in browser. Keyed by a hash of its cookie value; the raw value is never stored. */
export const SessionSchema = z.object({
  userId: z.string().min(1),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** Absolute end, fixed at sign-in. */
  expiresAt: z.string(),
  /** Synchronizer token for state-changing requests (sent back in X-CSRF-Token). */
  csrfToken: z.string().min(1),
});
export type Session = z.infer<typeof SessionSchema>;

/** Session lifetimes. */
export interface SessionLimits {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after sign-in, active or not. */
  absoluteMs: number;
  /** `lastSeenAt` is written at most this often (one write per minute, not per request). */
  touchEveryMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 2 * 3600_000,
  absoluteMs: 12 * 3600_000,
  touchEveryMs: 60_000,
};

/** Whether a session may be used at `now`. */
export type SessionState = 'active' | 'idle_expired' | 'expired';

/** Checks a session against its idle and absolute limits (TTL deletion lags, so every read checks). */
export function sessionState(session: Session, now: Date, limits: SessionLimits): SessionState {
  const t = now.getTime();
  if (t >= Date.parse(session.expiresAt)) return 'expired';
  if (t >= Date.parse(session.lastSeenAt) + limits.idleMs) return 'idle_expired';
  return 'active';
}

/** When the session lapses if nothing else happens: the earlier of the idle and absolute ends. */
export function sessionEnd(session: Session, limits: SessionLimits): Date {
  return new Date(Math.min(Date.parse(session.expiresAt), Date.parse(session.lastSeenAt) + limits.idleMs));
}

/** A new session for `userId`, starting at `now`. */
export function openSession(userId: string, csrfToken: string, now: Date, limits: SessionLimits): Session {
  return {
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + limits.absoluteMs).toISOString(),
    csrfToken,
  };
}

/** True when `lastSeenAt` is old enough to be worth a write. */
export function needsTouch(session: Session, now: Date, limits: SessionLimits): boolean {
  return now.getTime() - Date.parse(session.lastSeenAt) >= limits.touchEveryMs;
}
