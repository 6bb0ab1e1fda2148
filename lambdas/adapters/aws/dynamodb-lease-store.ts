import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LeaseStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { leaseKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** One item per (name, window), written once: whoever writes it first holds the window. */
export class DynamoDBLeaseStore implements LeaseStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-40: takes the lease of a window; false when it is already held. */
  async acquire(name: string, window: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...leaseKey(name, window), entity: 'Lease', ttl: epochSeconds(expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
