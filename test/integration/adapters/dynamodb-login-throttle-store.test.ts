import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBLoginThrottleStore } from '#adapters/aws/dynamodb-login-throttle-store.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

describe('DynamoDBLoginThrottleStore', () => {
  let db: Dynalite;
  let store: DynamoDBLoginThrottleStore;
  const window = Date.parse('2026-01-01T10:00:00.000Z');
  const expires = new Date(window + 15 * 60_000);

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBLoginThrottleStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('counts failures per account and per client in a window, storing neither in the clear', async () => {
    const keys = { account: 'mallory-target', client: '203.0.113.9' };
    await store.recordFailure(keys, window, expires);
    await store.recordFailure(keys, window, expires);
    await store.recordFailure({ account: 'other', client: keys.client }, window, expires);

    expect(await store.failures(keys, window)).toEqual({ account: 2, client: 3 });
    expect(await store.failures(keys, window + 15 * 60_000)).toEqual({ account: 0, client: 0 });
    const stored = JSON.stringify((await db.doc.send(new ScanCommand({ TableName: db.tableName }))).Items);
    expect(stored).not.toContain('mallory-target');
    expect(stored).not.toContain('203.0.113.9');
  });

  it('clears an account after a successful sign-in but keeps the client count', async () => {
    const keys = { account: 'alice-x', client: '198.51.100.7' };
    await store.recordFailure(keys, window, expires);

    await store.clearAccount(keys.account, window);

    expect(await store.failures(keys, window)).toEqual({ account: 0, client: 1 });
  });
});
