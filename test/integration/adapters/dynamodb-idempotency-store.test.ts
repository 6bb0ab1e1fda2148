import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBIdempotencyStore } from '#adapters/aws/dynamodb-idempotency-store.js';
import { idempotencyKey } from '#adapters/aws/keys.js';
import { tokenDigest } from '#adapters/aws/token-digest.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const day = { now, expiresAt: new Date(now.getTime() + 24 * 3600_000) };

describe('DynamoDBIdempotencyStore', () => {
  let db: Dynalite;
  let store: DynamoDBIdempotencyStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBIdempotencyStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('lets the first claim win and shows the later ones what it claimed', async () => {
    expect(await store.claim('p1:t1', 'key-1', 'digest-a', day)).toBeUndefined();

    expect(await store.claim('p1:t1', 'key-1', 'digest-b', day)).toEqual({ requestDigest: 'digest-a' });
  });

  it('keeps the response once complete, with a TTL a day away', async () => {
    await store.claim('p1:t1', 'key-2', 'digest-a', day);
    await store.complete('p1:t1', 'key-2', { status: 201, body: '{"ok":true}' });

    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: idempotencyKey('p1:t1', tokenDigest('key-2')) }),
    );
    expect(Item?.ttl).toBe(Math.ceil(day.expiresAt.getTime() / 1000));
    expect(await store.claim('p1:t1', 'key-2', 'digest-a', day)).toEqual({
      requestDigest: 'digest-a',
      response: { status: 201, body: '{"ok":true}' },
    });
  });

  it('separates scopes: the same key of another token is another key', async () => {
    await store.claim('p1:t1', 'key-3', 'digest-a', day);

    expect(await store.claim('p1:t2', 'key-3', 'digest-b', day)).toBeUndefined();
  });

  it('frees a released key and an expired one', async () => {
    await store.claim('p1:t1', 'key-4', 'digest-a', day);
    await store.release('p1:t1', 'key-4');
    expect(await store.claim('p1:t1', 'key-4', 'digest-b', day)).toBeUndefined();

    const later = { now: day.expiresAt, expiresAt: new Date(day.expiresAt.getTime() + 1000) };
    expect(await store.claim('p1:t1', 'key-4', 'digest-c', later)).toBeUndefined();
  });
});
