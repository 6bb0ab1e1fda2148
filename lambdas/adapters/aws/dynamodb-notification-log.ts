import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationLog, NotificationRecord } from '#lambdas/functions/notifier.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Notification records expire after 30 days: an alarm silent that long starts afresh. */
const RECORD_TTL_SECONDS = 30 * 24 * 3600;

/** The notifier's records in its own small table, keyed by alarm name (`NOTIFICATION_TABLE`). */
export class DynamoDBNotificationLog implements NotificationLog {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async lastNotification(alarmName: string): Promise<NotificationRecord | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { alarmName }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { ttl: _ttl, ...record } = Item;
    return record as NotificationRecord;
  }

  async saveNotification(record: NotificationRecord): Promise<void> {
    const ttl = Math.floor(record.seenChangedAt / 1000) + RECORD_TTL_SECONDS;
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...record, ttl } }));
  }
}
