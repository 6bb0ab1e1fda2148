import { timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiTokenSchema, LAST_USED_RESOLUTION_MS, type ApiToken } from '#core/api-tokens/api-token.js';
import type { ApiTokenStore } from '#lambdas/console-ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem } from './items.js';
import { apiTokenIndexKey, apiTokenKey, projectApiTokensPartition } from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';
import { tokenDigest } from './token-digest.js';

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** API tokens keyed by the SHA-256 of their secret; listed per project through gsi1. */
export class DynamoDBApiTokenStore implements ApiTokenStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-90: stores a new token under the digest of its secret. */
  async createApiToken(secret: string, token: ApiToken): Promise<void> {
    const data = parseInput(ApiTokenSchema, token, 'API token');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, {
          ...apiTokenKey(tokenDigest(secret)),
          ...apiTokenIndexKey(data.projectId, data.tokenId),
          entity: 'ApiToken',
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** AP-91: the token of a secret, strongly consistent so a revocation applies at once. */
  async getApiTokenBySecret(secret: string): Promise<ApiToken | undefined> {
    const key = apiTokenKey(tokenDigest(secret));
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }),
    );
    // The key match already compared the digests; this constant-time check keeps that explicit.
    if (Item === undefined || !sameText(String(Item.pk), key.pk)) return undefined;
    return parseItem(ApiTokenSchema, Item, 'API token');
  }

  /** AP-92: tokens of a project, oldest first. */
  async listApiTokens(projectId: string): Promise<ApiToken[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: MAIN_TABLE.indexes.byStatus.name,
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': projectApiTokensPartition(projectId) },
    });
    return items.map((item) => parseItem(ApiTokenSchema, item, 'API token'));
  }

  /** AP-93: one token of a project by id (exact gsi1 key; the main key is the secret's digest). */
  async getApiToken(projectId: string, tokenId: string): Promise<ApiToken | undefined> {
    const item = await this.#findItem(projectId, tokenId);
    return item === undefined ? undefined : parseItem(ApiTokenSchema, item, 'API token');
  }

  /** AP-94: revokes a token of the project (the condition keeps it to its own project); idempotent. */
  async revokeApiToken(
    projectId: string,
    tokenId: string,
    by: string,
    at: Date,
  ): Promise<ApiToken | undefined> {
    const item = await this.#findItem(projectId, tokenId);
    if (item === undefined) return undefined;
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
          ConditionExpression:
            'projectId = :projectId AND tokenId = :tokenId AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: {
            ':at': at.toISOString(),
            ':by': by,
            ':projectId': projectId,
            ':tokenId': tokenId,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return parseItem(ApiTokenSchema, Attributes ?? {}, 'API token');
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return this.getApiToken(projectId, tokenId);
    }
  }

  /** AP-95: moves `lastUsedAt`, conditionally, so concurrent requests write it once a minute at most. */
  async touchApiToken(secret: string, at: Date): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: apiTokenKey(tokenDigest(secret)),
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt <= :before)',
          ExpressionAttributeValues: {
            ':at': at.toISOString(),
            ':before': new Date(at.getTime() - LAST_USED_RESOLUTION_MS).toISOString(),
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async #findItem(projectId: string, tokenId: string): Promise<Record<string, unknown> | undefined> {
    const key = apiTokenIndexKey(projectId, tokenId);
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: MAIN_TABLE.indexes.byStatus.name,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': key.gsi1pk, ':sk': key.gsi1sk },
      }),
    );
    return Items?.[0];
  }
}
