import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBSessionStore } from '#adapters/aws/dynamodb-session-store.js';
import { sessionKey } from '#adapters/aws/keys.js';
import { tokenDigest } from '#adapters/aws/token-digest.js';
import { DEFAULT_SESSION_LIMITS, openSession } from '#core/accounts/session.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2026-01-01T00:00:00.000Z');

describe('DynamoDBSessionStore', () => {
  let db: Dynalite;
  let store: DynamoDBSessionStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBSessionStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('stores a session under the digest of its token, never the token itself', async () => {
    const session = openSession('u1', 'csrf-1', now, DEFAULT_SESSION_LIMITS);

    await store.createSession('raw-token-1', session, new Date(now.getTime() + 3600_000));

    expect(await store.getSession('raw-token-1')).toEqual(session);
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: sessionKey(tokenDigest('raw-token-1')) }),
    );
    expect(Item).toMatchObject({ entity: 'Session', ttl: now.getTime() / 1000 + 3600 });
    const everything = JSON.stringify(
      (await db.doc.send(new ScanCommand({ TableName: db.tableName }))).Items,
    );
    expect(everything).not.toContain('raw-token-1');
  });

  it('touches lastSeenAt and the TTL, and leaves a deleted session deleted', async () => {
    const session = openSession('u1', 'csrf-2', now, DEFAULT_SESSION_LIMITS);
    await store.createSession('raw-token-2', session, now);
    const seen = new Date(now.getTime() + 90_000);

    await store.touchSession('raw-token-2', seen, new Date(seen.getTime() + 1000));
    expect((await store.getSession('raw-token-2'))?.lastSeenAt).toBe(seen.toISOString());

    await store.deleteSession('raw-token-2');
    await store.touchSession('raw-token-2', seen, seen);
    expect(await store.getSession('raw-token-2')).toBeUndefined();
  });
});
