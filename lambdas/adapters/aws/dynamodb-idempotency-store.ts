import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyStore, IdempotentResponse } from '#lambdas/console-ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { idempotencyKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';
import { tokenDigest } from './token-digest.js';

/** Idempotency keys by scope and the digest of the key, expiring by TTL (and by `expiresAt` before TTL runs). */
export class DynamoDBIdempotencyStore implements IdempotencyStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-96: claims a key (one winner); returns the record already there when the key is live. */
  async claim(
    scope: string,
    key: string,
    requestDigest: string,
    window: { now: Date; expiresAt: Date },
  ): Promise<IdempotencyRecord | undefined> {
    const Key = idempotencyKey(scope, tokenDigest(key));
    try {
      // An expired record that TTL has not removed yet may be overwritten (TTL deletes lazily).
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...Key,
            entity: 'IdempotencyKey',
            requestDigest,
            expiresAt: window.expiresAt.toISOString(),
            ttl: epochSeconds(window.expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': window.now.toISOString() },
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key, ConsistentRead: true }),
    );
    if (Item === undefined) return this.claim(scope, key, requestDigest, window);
    return {
      requestDigest: String(Item.requestDigest),
      ...(typeof Item.responseStatus === 'number' && {
        response: { status: Item.responseStatus, body: String(Item.responseBody) },
      }),
    };
  }

  /** AP-97: records the response of a claimed key. */
  async complete(scope: string, key: string, response: IdempotentResponse): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: idempotencyKey(scope, tokenDigest(key)),
        UpdateExpression: 'SET responseStatus = :status, responseBody = :body',
        ExpressionAttributeValues: { ':status': response.status, ':body': response.body },
      }),
    );
  }

  /** AP-98: drops a claim so the client may retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#tableName, Key: idempotencyKey(scope, tokenDigest(key)) }),
    );
  }
}
