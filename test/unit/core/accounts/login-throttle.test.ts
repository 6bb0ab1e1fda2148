import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS as limits, loginVerdict, loginWindow } from '#core/accounts/login-throttle.js';

const now = new Date('2026-01-01T10:07:30.000Z');

describe('login throttling', () => {
  it('uses fixed windows', () => {
    expect(new Date(loginWindow(now, limits)).toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });

  it('allows attempts below both limits', () => {
    expect(
      loginVerdict({ account: limits.perAccount - 1, client: limits.perClient - 1 }, now, limits),
    ).toEqual({
      allowed: true,
    });
  });

  it('blocks an account or a client at its limit until the window ends', () => {
    const wait = { allowed: false, retryAfterSeconds: 450 };

    expect(loginVerdict({ account: limits.perAccount, client: 0 }, now, limits)).toEqual(wait);
    expect(loginVerdict({ account: 0, client: limits.perClient }, now, limits)).toEqual(wait);
  });
});
