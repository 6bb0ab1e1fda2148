import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { UserSchema, type User } from '#core/accounts/user.js';
import { ReferenceConflictError } from '#core/errors.js';
import type { UserStore } from '#lambdas/console-ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem } from './items.js';
import { firstAdminKey, USERS_INDEX_PARTITION, userIndexKey, userKey, usernameKey } from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

const UsernameItemSchema = z.object({ userId: z.string() });
const ClaimItemSchema = z.object({ userId: z.string(), claimedAt: z.string() });

/** A claim whose user never appeared (a crash between the two writes) may be taken over after this. */
const STALE_CLAIM_MS = 60_000;

/** Console users; usernames are unique through a username reference item (as project slugs are). */
export class DynamoDBUserStore implements UserStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-60: user by id. */
  async getUser(userId: string): Promise<User | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: userKey(userId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : parseItem(UserSchema, Item, 'user');
  }

  /** AP-61: user by username (an orphan reference, left by a crashed create, reads as absent). */
  async getUserByUsername(username: string): Promise<User | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: usernameKey(username), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const user = await this.getUser(parseItem(UsernameItemSchema, Item, 'username reference').userId);
    return user?.username === username ? user : undefined;
  }

  /** AP-62: all users, by username. */
  async listUsers(): Promise<User[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: MAIN_TABLE.indexes.byStatus.name,
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': USERS_INDEX_PARTITION },
    });
    return items.map((item) => parseItem(UserSchema, item, 'user'));
  }

  /** AP-63: claims the username, then writes the user; ReferenceConflictError when either is taken. */
  async createUser(user: User): Promise<void> {
    const data = parseInput(UserSchema, user, 'user');
    await this.#claimUsername(data);
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(data, { ...userKey(data.userId), ...userIndexKey(data.username), entity: 'User' }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await this.#releaseUsername(data);
      throw new ReferenceConflictError(`user id ${data.userId} is taken`, { cause: error });
    }
  }

  /** AP-64: who claimed the first-admin slot. */
  async firstAdminClaim(): Promise<{ userId: string; claimedAt: string } | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: firstAdminKey(), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : parseItem(ClaimItemSchema, Item, 'first-admin claim');
  }

  /**
   * AP-65: claims the first-admin slot (`attribute_not_exists`). A claim older than a minute whose
   * user does not exist was left by a crash and is taken over, conditional on its old holder.
   */
  async claimFirstAdmin(userId: string, now: Date): Promise<boolean> {
    const item = { ...firstAdminKey(), entity: 'FirstAdmin', userId, claimedAt: now.toISOString() };
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const claim = await this.firstAdminClaim();
    if (!claim || Date.parse(claim.claimedAt) > now.getTime() - STALE_CLAIM_MS) return false;
    if (await this.getUser(claim.userId)) return false;
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: item,
          ConditionExpression: 'userId = :old',
          ExpressionAttributeValues: { ':old': claim.userId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async #claimUsername(user: User): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...usernameKey(user.username), entity: 'Username', userId: user.userId },
          ConditionExpression: 'attribute_not_exists(pk) OR userId = :userId',
          ExpressionAttributeValues: { ':userId': user.userId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (await this.#adoptOrphanUsername(user)) return;
      throw new ReferenceConflictError(`username ${user.username} is taken`, { cause: error });
    }
  }

  /** A reference whose user never appeared (a crashed create) is taken over, conditional on its old holder. */
  async #adoptOrphanUsername(user: User): Promise<boolean> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: usernameKey(user.username), ConsistentRead: true }),
    );
    if (Item === undefined) return false;
    const holder = parseItem(UsernameItemSchema, Item, 'username reference').userId;
    if ((await this.getUser(holder)) !== undefined) return false;
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...usernameKey(user.username), entity: 'Username', userId: user.userId },
          ConditionExpression: 'userId = :old',
          ExpressionAttributeValues: { ':old': holder },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async #releaseUsername(user: User): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: usernameKey(user.username),
          ConditionExpression: 'userId = :userId',
          ExpressionAttributeValues: { ':userId': user.userId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
