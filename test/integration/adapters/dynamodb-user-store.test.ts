import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureMainTable } from '#adapters/aws/create-table.js';
import { DynamoDBUserStore } from '#adapters/aws/dynamodb-user-store.js';
import { firstAdminKey, usernameKey } from '#adapters/aws/keys.js';
import type { User } from '#core/accounts/user.js';
import { ReferenceConflictError, ValidationError } from '#core/errors.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2026-01-01T00:00:00.000Z');
const user = (overrides: Partial<User> = {}): User => ({
  userId: `u-${randomUUID()}`,
  username: `user-${randomUUID().slice(0, 8)}`,
  passwordHash: 'scrypt$hash',
  admin: false,
  createdAt: now.toISOString(),
  ...overrides,
});

describe('DynamoDBUserStore', () => {
  let db: Dynalite;
  let store: DynamoDBUserStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBUserStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('creates a user and finds it by id and by username', async () => {
    const alice = user();

    await store.createUser(alice);

    expect(await store.getUser(alice.userId)).toEqual(alice);
    expect(await store.getUserByUsername(alice.username)).toEqual(alice);
    expect((await store.listUsers()).map((u) => u.userId)).toContain(alice.userId);
  });

  it('refuses a taken username', async () => {
    const first = user();
    await store.createUser(first);

    await expect(store.createUser(user({ username: first.username }))).rejects.toBeInstanceOf(
      ReferenceConflictError,
    );
  });

  it('adopts a username whose user never appeared (a crashed create)', async () => {
    const orphan = user();
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...usernameKey(orphan.username), userId: 'u-never-written' },
      }),
    );

    await store.createUser(orphan);

    expect(await store.getUserByUsername(orphan.username)).toEqual(orphan);
  });

  it('validates on the way in, naming the field', async () => {
    await expect(store.createUser(user({ username: 'No Spaces Allowed' }))).rejects.toMatchObject({
      constructor: ValidationError,
      issues: [expect.objectContaining({ path: 'username' })],
    });
  });

  describe('first admin claim', () => {
    let claims: DynamoDBUserStore;
    beforeAll(async () => {
      const tableName = `${db.tableName}-${randomUUID()}`;
      await ensureMainTable(db.client, tableName);
      claims = new DynamoDBUserStore({ client: db.doc, tableName });
    });

    it('is won once', async () => {
      expect(await claims.claimFirstAdmin('u-1', now)).toBe(true);
      expect(await claims.claimFirstAdmin('u-2', now)).toBe(false);
      expect(await claims.firstAdminClaim()).toEqual({ userId: 'u-1', claimedAt: now.toISOString() });
    });

    it('is taken over after a minute when its user never appeared, and never while the user exists', async () => {
      const later = new Date(now.getTime() + 61_000);
      expect(await claims.claimFirstAdmin('u-3', later)).toBe(true);

      await claims.createUser(user({ userId: 'u-3', admin: true }));
      expect(await claims.claimFirstAdmin('u-4', new Date(later.getTime() + 120_000))).toBe(false);
    });
  });

  it('reads a first admin claim as absent until one exists', async () => {
    const tableName = `${db.tableName}-${randomUUID()}`;
    await ensureMainTable(db.client, tableName);
    const fresh = new DynamoDBUserStore({ client: db.doc, tableName });

    expect(await fresh.firstAdminClaim()).toBeUndefined();
    await db.doc.send(
      new PutCommand({ TableName: tableName, Item: { ...firstAdminKey(), userId: 'x', claimedAt: 'y' } }),
    );
    expect(await fresh.firstAdminClaim()).toEqual({ userId: 'x', claimedAt: 'y' });
  });
});
