import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLog } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { deliveryKey } from './keys.js';
import { DELIVERY_TTL_SECONDS } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Deliveries seen, one item each, expiring DELIVERY_TTL_SECONDS after receipt. */
export class DynamoDBDeliveryLog implements DeliveryLog {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-22: records a delivery; false when already recorded and not yet expired (TTL deletion lags, so a passed ttl counts as absent). */
  async recordDelivery(projectId: string, deliveryId: string, receivedAt: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...deliveryKey(projectId, deliveryId),
            entity: 'Delivery',
            receivedAt: receivedAt.toISOString(),
            ttl: epochSeconds(receivedAt) + DELIVERY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': Math.floor(receivedAt.getTime() / 1000) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** AP-28: forgets a delivery that could not be enqueued, so the sender's retry is accepted. */
  async forgetDelivery(projectId: string, deliveryId: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({
        TableName: this.#tableName,
        Key: deliveryKey(projectId, deliveryId),
      }),
    );
  }
}
