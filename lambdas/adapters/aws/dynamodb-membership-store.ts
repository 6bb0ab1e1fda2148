import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { MembershipSchema, type Membership } from '#core/accounts/membership.js';
import type { MembershipStore } from '#lambdas/console-ports.js';
import { parseInput, parseItem, toItem } from './items.js';
import {
  MEMBER_PREFIX,
  membershipIndexKey,
  membershipKey,
  projectPartition,
  userProjectsPartition,
} from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Memberships in the project's partition, and in gsi1 under the user for "my projects". */
export class DynamoDBMembershipStore implements MembershipStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-76: a user's membership in a project. */
  async getMembership(projectId: string, userId: string): Promise<Membership | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: membershipKey(projectId, userId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(MembershipSchema, Item, 'membership');
  }

  /** AP-77: members of a project. */
  async listMembers(projectId: string): Promise<Membership[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': projectPartition(projectId), ':prefix': MEMBER_PREFIX },
    });
    return items.map((item) => parseItem(MembershipSchema, item, 'membership'));
  }

  /** AP-78: projects a user is a member of. */
  async listMemberships(userId: string): Promise<Membership[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: MAIN_TABLE.indexes.byStatus.name,
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': userProjectsPartition(userId) },
    });
    return items.map((item) => parseItem(MembershipSchema, item, 'membership'));
  }

  /** AP-79: adds a member or changes their role (last writer wins). */
  async putMembership(membership: Membership): Promise<void> {
    const data = parseInput(MembershipSchema, membership, 'membership');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, {
          ...membershipKey(data.projectId, data.userId),
          ...membershipIndexKey(data.projectId, data.userId),
          entity: 'Membership',
        }),
      }),
    );
  }

  /** AP-80: removes a member (already gone is fine). */
  async deleteMembership(projectId: string, userId: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#tableName, Key: membershipKey(projectId, userId) }),
    );
  }
}
