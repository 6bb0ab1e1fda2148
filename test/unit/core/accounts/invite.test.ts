import { describe, expect, it } from 'vitest';
import { INVITE_TTL_MS, inviteState, openInvite } from '#core/accounts/invite.js';

const now = new Date('2026-01-01T00:00:00.000Z');

describe('invites', () => {
  const invite = { ...openInvite({ projectId: 'p1', role: 'editor', createdBy: 'u1' }, now), inviteId: 'i1' };

  it('is valid for 7 days', () => {
    expect(invite.expiresAt).toBe(new Date(now.getTime() + INVITE_TTL_MS).toISOString());
    expect(inviteState(invite, new Date(now.getTime() + INVITE_TTL_MS - 1))).toBe('valid');
    expect(inviteState(invite, new Date(now.getTime() + INVITE_TTL_MS))).toBe('expired');
  });

  it('can be used once', () => {
    expect(inviteState({ ...invite, usedAt: now.toISOString(), usedBy: 'bob' }, now)).toBe('used');
  });
});
