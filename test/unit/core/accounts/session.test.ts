import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SESSION_LIMITS as limits,
  needsTouch,
  openSession,
  sessionEnd,
  sessionState,
} from '#core/accounts/session.js';

const start = new Date('2026-01-01T08:00:00.000Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe('sessions', () => {
  it('is active right after sign-in and ends after the idle timeout without requests', () => {
    const session = openSession('u1', 'csrf', start, limits);

    expect(sessionState(session, later(limits.idleMs - 1), limits)).toBe('active');
    expect(sessionState(session, later(limits.idleMs), limits)).toBe('idle_expired');
  });

  it('ends at the absolute timeout however active it is', () => {
    const session = {
      ...openSession('u1', 'csrf', start, limits),
      lastSeenAt: later(limits.absoluteMs - 1000).toISOString(),
    };

    expect(sessionState(session, later(limits.absoluteMs - 1), limits)).toBe('active');
    expect(sessionState(session, later(limits.absoluteMs), limits)).toBe('expired');
  });

  it('lapses at the earlier of the idle and absolute ends', () => {
    const session = openSession('u1', 'csrf', start, limits);

    expect(sessionEnd(session, limits)).toEqual(later(limits.idleMs));
    expect(sessionEnd({ ...session, lastSeenAt: later(limits.absoluteMs).toISOString() }, limits)).toEqual(
      later(limits.absoluteMs),
    );
  });

  it('writes lastSeenAt at most once per touch interval', () => {
    const session = openSession('u1', 'csrf', start, limits);

    expect(needsTouch(session, later(limits.touchEveryMs - 1), limits)).toBe(false);
    expect(needsTouch(session, later(limits.touchEveryMs), limits)).toBe(true);
  });
});
