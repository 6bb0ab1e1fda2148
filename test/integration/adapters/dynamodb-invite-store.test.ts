import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBInviteStore } from '#adapters/aws/dynamodb-invite-store.js';
import { openInvite } from '#core/accounts/invite.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2026-01-01T00:00:00.000Z');
const inAWeek = new Date(now.getTime() + 7 * 24 * 3600_000);

describe('DynamoDBInviteStore', () => {
  let db: Dynalite;
  let store: DynamoDBInviteStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBInviteStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('creates an invite whose id is the digest of its token and lists it under its project', async () => {
    const projectId = uniqueProjectId();
    const invite = await store.createInvite(
      'tok-1',
      openInvite({ projectId, role: 'editor', createdBy: 'u1' }, now),
    );

    expect(invite.inviteId).not.toContain('tok-1');
    expect(await store.getInviteByToken('tok-1')).toEqual(invite);
    expect(await store.listInvites(projectId)).toEqual([invite]);
  });

  it('is consumed once, and not after it expires', async () => {
    const projectId = uniqueProjectId();
    await store.createInvite('tok-2', openInvite({ projectId, role: 'viewer', createdBy: 'u1' }, now));
    await store.createInvite('tok-3', openInvite({ projectId, role: 'viewer', createdBy: 'u1' }, now));

    expect(await store.consumeInvite('tok-2', 'bob', now)).toBe(true);
    expect(await store.consumeInvite('tok-2', 'eve', now)).toBe(false);
    expect(await store.getInviteByToken('tok-2')).toMatchObject({ usedBy: 'bob', usedAt: now.toISOString() });
    expect(await store.consumeInvite('tok-3', 'bob', inAWeek)).toBe(false);
    expect(await store.consumeInvite('unknown', 'bob', now)).toBe(false);
  });

  it('is released again only by the username that consumed it', async () => {
    const projectId = uniqueProjectId();
    await store.createInvite('tok-4', openInvite({ projectId, role: 'viewer', createdBy: 'u1' }, now));
    await store.consumeInvite('tok-4', 'bob', now);

    await store.releaseInvite('tok-4', 'eve');
    expect((await store.getInviteByToken('tok-4'))?.usedBy).toBe('bob');
    await store.releaseInvite('tok-4', 'bob');
    expect(await store.consumeInvite('tok-4', 'carol', now)).toBe(true);
  });

  it('is revoked only from its own project', async () => {
    const projectId = uniqueProjectId();
    const invite = await store.createInvite(
      'tok-5',
      openInvite({ projectId, role: 'viewer', createdBy: 'u1' }, now),
    );

    await store.revokeInvite(uniqueProjectId(), invite.inviteId);
    expect(await store.getInviteByToken('tok-5')).toBeDefined();
    await store.revokeInvite(projectId, invite.inviteId);
    expect(await store.getInviteByToken('tok-5')).toBeUndefined();
  });
});
