import { describe, expect, it } from 'vitest';
import {
  apiTokenRequestProblem,
  apiTokenState,
  newApiToken,
  shouldTouch,
  tokenPrincipalId,
  type ApiToken,
} from '#core/api-tokens/api-token.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const token: ApiToken = {
  tokenId: '01JTOKEN',
  projectId: 'p1',
  name: 'ci',
  role: 'editor',
  createdBy: 'user:ada',
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('API token rules', () => {
  it('is active until revoked or expired', () => {
    expect(apiTokenState(token, now)).toBe('active');
    expect(apiTokenState({ ...token, revokedAt: '2026-11-24T00:00:00.000Z' }, now)).toBe('revoked');
    expect(apiTokenState({ ...token, expiresAt: '2026-11-25T10:00:00.000Z' }, now)).toBe('expired');
    expect(apiTokenState({ ...token, expiresAt: '2026-11-25T10:00:01.000Z' }, now)).toBe('active');
  });

  it('never grants a role above the creator', () => {
    expect(apiTokenRequestProblem({ name: 'x', role: 'admin' }, 'editor', now)).toEqual({
      path: 'role',
      message: 'cannot be above your own role (editor)',
    });
    expect(apiTokenRequestProblem({ name: 'x', role: 'editor' }, 'editor', now)).toBeUndefined();
    expect(apiTokenRequestProblem({ name: 'x', role: 'viewer' }, 'admin', now)).toBeUndefined();
  });

  it('wants an expiry in the future and within a year', () => {
    const ask = (expiresAt: string) =>
      apiTokenRequestProblem({ name: 'x', role: 'viewer', expiresAt }, 'admin', now);

    expect(ask('2026-11-25T09:59:59Z')?.path).toBe('expiresAt');
    expect(ask('2028-01-01T00:00:00Z')?.message).toBe('must be within a year');
    expect(ask('2027-06-01T00:00:00+02:00')).toBeUndefined();
  });

  it('records a new token with a normalised expiry', () => {
    const created = newApiToken(
      { name: 'bot', role: 'viewer', expiresAt: '2027-01-01T02:00:00+02:00' },
      { tokenId: 't1', projectId: 'p1', createdBy: 'user:ada' },
      now,
    );

    expect(created).toEqual({
      tokenId: 't1',
      projectId: 'p1',
      createdBy: 'user:ada',
      name: 'bot',
      role: 'viewer',
      createdAt: now.toISOString(),
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
  });

  it('touches last-used at most once a minute', () => {
    expect(shouldTouch(token, now)).toBe(true);
    expect(shouldTouch({ ...token, lastUsedAt: '2026-11-25T09:59:30.000Z' }, now)).toBe(false);
    expect(shouldTouch({ ...token, lastUsedAt: '2026-11-25T09:59:00.000Z' }, now)).toBe(true);
  });

  it('names the principal token:<id>', () => {
    expect(tokenPrincipalId('01JTOKEN')).toBe('token:01JTOKEN');
  });
});
