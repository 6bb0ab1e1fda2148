import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBApiTokenStore } from '#adapters/aws/dynamodb-api-token-store.js';
import { apiTokenKey } from '#adapters/aws/keys.js';
import { tokenDigest } from '#adapters/aws/token-digest.js';
import type { ApiToken } from '#core/api-tokens/api-token.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const tokenOf = (projectId: string, tokenId: string): ApiToken => ({
  tokenId,
  projectId,
  name: `token ${tokenId}`,
  role: 'editor',
  createdBy: 'user:ada',
  createdAt: now.toISOString(),
});

describe('DynamoDBApiTokenStore', () => {
  let db: Dynalite;
  let store: DynamoDBApiTokenStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBApiTokenStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('stores a token under the digest of its secret, never the secret itself', async () => {
    const projectId = uniqueProjectId();
    await store.createApiToken('afp_secret-1', tokenOf(projectId, '01A'));

    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: apiTokenKey(tokenDigest('afp_secret-1')) }),
    );
    expect(JSON.stringify(Item)).not.toContain('afp_secret-1');
    expect(await store.getApiTokenBySecret('afp_secret-1')).toEqual(tokenOf(projectId, '01A'));
    expect(await store.getApiTokenBySecret('afp_other')).toBeUndefined();
  });

  it('refuses a second token with the same secret', async () => {
    const projectId = uniqueProjectId();
    await store.createApiToken('afp_dup', tokenOf(projectId, '01A'));

    await expect(store.createApiToken('afp_dup', tokenOf(projectId, '01B'))).rejects.toThrow();
  });

  it('lists the tokens of one project only, oldest first, and finds one by id', async () => {
    const [a, b] = [uniqueProjectId(), uniqueProjectId()];
    await store.createApiToken('afp_a2', tokenOf(a, '01B'));
    await store.createApiToken('afp_a1', tokenOf(a, '01A'));
    await store.createApiToken('afp_b1', tokenOf(b, '01C'));

    expect((await store.listApiTokens(a)).map((t) => t.tokenId)).toEqual(['01A', '01B']);
    expect(await store.getApiToken(a, '01B')).toEqual(tokenOf(a, '01B'));
    expect(await store.getApiToken(a, '01C')).toBeUndefined();
  });

  it('revokes a token of its own project only, once', async () => {
    const [a, b] = [uniqueProjectId(), uniqueProjectId()];
    await store.createApiToken('afp_rev', tokenOf(a, '01A'));

    expect(await store.revokeApiToken(b, '01A', 'user:eve', now)).toBeUndefined();
    const revoked = await store.revokeApiToken(a, '01A', 'user:ada', now);
    const again = await store.revokeApiToken(a, '01A', 'user:bob', new Date(now.getTime() + 5000));

    expect(revoked).toMatchObject({ revokedAt: now.toISOString(), revokedBy: 'user:ada' });
    expect(again).toEqual(revoked);
    expect((await store.getApiTokenBySecret('afp_rev'))?.revokedAt).toBe(now.toISOString());
  });

  it('moves last-used at most once a minute', async () => {
    const projectId = uniqueProjectId();
    await store.createApiToken('afp_touch', tokenOf(projectId, '01A'));

    await store.touchApiToken('afp_touch', now);
    await store.touchApiToken('afp_touch', new Date(now.getTime() + 30_000));
    const afterHalfMinute = await store.getApiTokenBySecret('afp_touch');
    await store.touchApiToken('afp_touch', new Date(now.getTime() + 60_000));
    const afterMinute = await store.getApiTokenBySecret('afp_touch');

    expect(afterHalfMinute?.lastUsedAt).toBe(now.toISOString());
    expect(afterMinute?.lastUsedAt).toBe(new Date(now.getTime() + 60_000).toISOString());
  });

  it('does not create a token when touching an unknown secret', async () => {
    await store.touchApiToken('afp_ghost', now);

    expect(await store.getApiTokenBySecret('afp_ghost')).toBeUndefined();
  });
});
