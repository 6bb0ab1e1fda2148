import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SessionSchema, type Session } from '#core/accounts/session.js';
import type { SessionStore } from '#lambdas/console-ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds, parseInput, parseItem, toItem } from './items.js';
import { sessionKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';
import { tokenDigest } from './token-digest.js';

/** Sessions keyed by the digest of their cookie value, expiring by TTL (and checked on read by the API). */
export class DynamoDBSessionStore implements SessionStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-66: writes a new session; its TTL is the earlier of its idle and absolute ends. */
  async createSession(token: string, session: Session, expiresAt: Date): Promise<void> {
    const data = parseInput(SessionSchema, session, 'session');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, {
          ...sessionKey(tokenDigest(token)),
          entity: 'Session',
          ttl: epochSeconds(expiresAt),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** AP-67: the session for a cookie value (expired or not: the caller checks, as TTL deletion lags). */
  async getSession(token: string): Promise<Session | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: sessionKey(tokenDigest(token)),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(SessionSchema, Item, 'session');
  }

  /** AP-68: moves lastSeenAt and the TTL; a session deleted meanwhile (sign-out) stays deleted. */
  async touchSession(token: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: sessionKey(tokenDigest(token)),
          UpdateExpression: 'SET lastSeenAt = :seen, #ttl = :ttl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':seen': lastSeenAt.toISOString(), ':ttl': epochSeconds(expiresAt) },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** AP-69: ends a session (already gone is fine). */
  async deleteSession(token: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#tableName, Key: sessionKey(tokenDigest(token)) }),
    );
  }
}
