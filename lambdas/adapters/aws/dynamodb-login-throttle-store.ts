import { BatchGetCommand, DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LoginThrottleStore } from '#lambdas/console-ports.js';
import { epochSeconds } from './items.js';
import { loginFailuresKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';
import { tokenDigest } from './token-digest.js';

/**
 * Failed sign-ins counted per account and per client in fixed windows (atomic ADD, TTL at the window's
 * end). Keys are digests, so neither usernames that do not exist nor client addresses are stored.
 */
export class DynamoDBLoginThrottleStore implements LoginThrottleStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-81: failures of both keys in one window (one round trip). */
  async failures(
    keys: { account: string; client: string },
    window: number,
  ): Promise<{ account: number; client: number }> {
    const account = loginFailuresKey('account', tokenDigest(keys.account), window);
    const client = loginFailuresKey('client', tokenDigest(keys.client), window);
    const out = await this.#client.send(
      new BatchGetCommand({
        RequestItems: { [this.#tableName]: { Keys: [account, client], ConsistentRead: true } },
      }),
    );
    if ((out.UnprocessedKeys?.[this.#tableName]?.Keys?.length ?? 0) > 0)
      throw new Error('login throttle read was throttled; retry');
    const items = out.Responses?.[this.#tableName] ?? [];
    const count = (key: { pk: string }) => Number(items.find((i) => i.pk === key.pk)?.failures ?? 0);
    return { account: count(account), client: count(client) };
  }

  /** AP-82: counts one failure for the account and for the client. */
  async recordFailure(
    keys: { account: string; client: string },
    window: number,
    expiresAt: Date,
  ): Promise<void> {
    for (const key of [
      loginFailuresKey('account', tokenDigest(keys.account), window),
      loginFailuresKey('client', tokenDigest(keys.client), window),
    ]) {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: key,
          UpdateExpression: 'ADD failures :one SET #ttl = :ttl, entity = :entity',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':ttl': epochSeconds(expiresAt),
            ':entity': 'LoginFailures',
          },
        }),
      );
    }
  }

  /** AP-83: forgets an account's failures in a window (after a successful sign-in). */
  async clearAccount(account: string, window: number): Promise<void> {
    await this.#client.send(
      new DeleteCommand({
        TableName: this.#tableName,
        Key: loginFailuresKey('account', tokenDigest(account), window),
      }),
    );
  }
}
