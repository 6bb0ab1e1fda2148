import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HandshakeStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { handshakeKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Pending Asana webhook handshakes, one per project, consumed at most once. */
export class DynamoDBHandshakeStore implements HandshakeStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-26: opens (or re-opens, extending) the project's handshake until `expiresAt`. */
  async open(projectId: string, expiresAt: Date): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          ...handshakeKey(projectId),
          entity: 'Handshake',
          expiresAt: expiresAt.toISOString(),
          ttl: epochSeconds(expiresAt),
        },
      }),
    );
  }

  /** AP-27: consumes the open handshake; false when none is open or it expired (TTL deletion lags, so expiry is checked). */
  async consume(projectId: string, now: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: handshakeKey(projectId),
          // ISO-8601 UTC strings from toISOString compare in time order.
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
