import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite } from '../../helpers/dynalite.js';
import type { Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2025-01-01T00:00:00.000Z');
const minutes = (n: number): Date => new Date(now.getTime() + n * 60_000);

describe('DynamoDBHandshakeStore', () => {
  let db: Dynalite;
  let store: DynamoDBHandshakeStore;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBHandshakeStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(() => {
    projectId = uniqueProjectId();
  });

  it('consumes an open handshake once', async () => {
    await store.open(projectId, minutes(5));

    expect(await store.consume(projectId, minutes(1))).toBe(true);
    expect(await store.consume(projectId, minutes(1))).toBe(false);
  });

  it('refuses when no handshake was opened', async () => {
    expect(await store.consume(projectId, now)).toBe(false);
  });

  it('refuses an expired handshake even before TTL deletes it', async () => {
    await store.open(projectId, minutes(5));

    expect(await store.consume(projectId, minutes(5))).toBe(false);
    expect(await store.consume(projectId, minutes(6))).toBe(false);
  });

  it('extends the handshake when it is opened again', async () => {
    await store.open(projectId, minutes(5));
    await store.open(projectId, minutes(15));

    expect(await store.consume(projectId, minutes(10))).toBe(true);
  });

  it('keeps the handshakes of projects apart', async () => {
    await store.open(projectId, minutes(5));

    expect(await store.consume(uniqueProjectId(), now)).toBe(false);
    expect(await store.consume(projectId, now)).toBe(true);
  });
});
