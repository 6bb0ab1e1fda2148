import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, DeliveryLog } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { deliveryKey } from './keys.js';
import { DELIVERY_TTL_SECONDS } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Options of the delivery log; the clock dates an item `markProcessed` has to recreate. */
export interface DynamoDBDeliveryLogOptions extends DynamoDBStoreOptions {
  /** @default the system clock */
  clock?: Clock;
}

const systemClock: Clock = { now: () => new Date() };

/** Deliveries seen, one item each, expiring DELIVERY_TTL_SECONDS after receipt. */
export class DynamoDBDeliveryLog implements DeliveryLog {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;
  readonly #clock: Clock;

  constructor({ client, tableName, clock = systemClock }: DynamoDBDeliveryLogOptions) {
    this.#client = client;
    this.#tableName = tableName;
    this.#clock = clock;
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
            processed: false,
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

  /** AP-23: true once the worker has fully processed the delivery. */
  async isProcessed(projectId: string, deliveryId: string): Promise<boolean> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: deliveryKey(projectId, deliveryId),
        ConsistentRead: true,
      }),
    );
    return Item?.processed === true;
  }

  /** AP-24: marks a delivery processed; recreates the item (with a fresh ttl) when it already expired, e.g. after a DLQ redrive. */
  async markProcessed(projectId: string, deliveryId: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: deliveryKey(projectId, deliveryId),
        UpdateExpression: 'SET #processed = :true, #ttl = if_not_exists(#ttl, :ttl), #entity = :entity',
        ExpressionAttributeNames: { '#processed': 'processed', '#ttl': 'ttl', '#entity': 'entity' },
        ExpressionAttributeValues: {
          ':true': true,
          ':ttl': epochSeconds(this.#clock.now()) + DELIVERY_TTL_SECONDS,
          ':entity': 'Delivery',
        },
      }),
    );
  }

  /** AP-28: forgets a delivery that could not be enqueued; a processed delivery is kept. */
  async forgetDelivery(projectId: string, deliveryId: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: deliveryKey(projectId, deliveryId),
          ConditionExpression: 'attribute_not_exists(pk) OR #processed = :false',
          ExpressionAttributeNames: { '#processed': 'processed' },
          ExpressionAttributeValues: { ':false': false },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
