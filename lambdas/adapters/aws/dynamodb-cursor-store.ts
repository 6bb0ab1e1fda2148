import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CursorStore } from '#lambdas/ports.js';
import { cursorKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Named cursors, one item each; the last writer wins (one reconcile run per window writes them). */
export class DynamoDBCursorStore implements CursorStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-41: a cursor's value. */
  async get(name: string): Promise<string | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: cursorKey(name), ConsistentRead: true }),
    );
    return typeof Item?.value === 'string' ? Item.value : undefined;
  }

  /** AP-42: moves a cursor. */
  async set(name: string, value: string): Promise<void> {
    await this.#client.send(
      new PutCommand({ TableName: this.#tableName, Item: { ...cursorKey(name), entity: 'Cursor', value } }),
    );
  }
}
