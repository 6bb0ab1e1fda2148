import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InviteSchema, type Invite } from '#core/accounts/invite.js';
import type { InviteStore } from '#lambdas/console-ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds, parseInput, parseItem, toItem } from './items.js';
import { inviteIndexKey, inviteKey, projectInvitesPartition } from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';
import { tokenDigest } from './token-digest.js';

/** Used and expired invites stay listed this long after they expire, then TTL removes them. */
const INVITE_RETENTION_SECONDS = 7 * 24 * 3600;

/** Invites keyed by the digest of their one-time token, which is also their public id. */
export class DynamoDBInviteStore implements InviteStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-70: stores an invite under the digest of its token. */
  async createInvite(token: string, invite: Omit<Invite, 'inviteId'>): Promise<Invite> {
    const data = parseInput(InviteSchema, { ...invite, inviteId: tokenDigest(token) }, 'invite');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, {
          ...inviteKey(data.inviteId),
          ...inviteIndexKey(data.projectId, data.createdAt, data.inviteId),
          entity: 'Invite',
          ttl: epochSeconds(new Date(data.expiresAt)) + INVITE_RETENTION_SECONDS,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return data;
  }

  /** AP-71: the invite for a token. */
  async getInviteByToken(token: string): Promise<Invite | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: inviteKey(tokenDigest(token)),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(InviteSchema, Item, 'invite');
  }

  /** AP-72: marks the invite used if it is unused and unexpired at `now` (one winner, however many tabs). */
  async consumeInvite(token: string, username: string, now: Date): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: inviteKey(tokenDigest(token)),
          UpdateExpression: 'SET usedAt = :now, usedBy = :username',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':username': username },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** AP-73: undoes a consume by the same username (its account could not be created). */
  async releaseInvite(token: string, username: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: inviteKey(tokenDigest(token)),
          UpdateExpression: 'REMOVE usedAt, usedBy',
          ConditionExpression: 'usedBy = :username',
          ExpressionAttributeValues: { ':username': username },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** AP-74: invites of a project, newest first. */
  async listInvites(projectId: string): Promise<Invite[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: MAIN_TABLE.indexes.byStatus.name,
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': projectInvitesPartition(projectId) },
      ScanIndexForward: false,
    });
    return items.map((item) => parseItem(InviteSchema, item, 'invite'));
  }

  /** AP-75: deletes an invite, only from its own project. */
  async revokeInvite(projectId: string, inviteId: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: inviteKey(inviteId),
          ConditionExpression: 'projectId = :projectId',
          ExpressionAttributeValues: { ':projectId': projectId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
