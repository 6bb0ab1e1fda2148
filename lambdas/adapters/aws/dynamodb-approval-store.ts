import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ApprovalSchema, type Approval } from '#core/approval/approval.js';
import { VersionConflictError } from '#core/errors.js';
import type { ApprovalStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem } from './items.js';
import * as keys from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Approvals in the main table, beside their project's tasks; pending ones are indexed in gsi1. */
export class DynamoDBApprovalStore implements ApprovalStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-31: one approval (consistent). */
  async getApproval(projectId: string, approvalId: string): Promise<Approval | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: keys.approvalKey(projectId, approvalId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(ApprovalSchema, Item, 'approval');
  }

  /** AP-36: creates an approval at version 0 (`attribute_not_exists`); false when it exists. */
  async createApproval(approval: Approval): Promise<boolean> {
    try {
      await this.#put({ ...approval, version: 0 }, 'attribute_not_exists(pk)', {});
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** AP-37: saves an approval when its stored version is `expectedVersion`. */
  async saveApproval(approval: Approval, expectedVersion: number): Promise<void> {
    try {
      await this.#put({ ...approval, version: expectedVersion + 1 }, 'version = :expected', {
        ':expected': expectedVersion,
      });
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new VersionConflictError(`approval ${approval.approvalId} changed meanwhile`, { cause: error });
      throw error;
    }
  }

  /** AP-32: pending approvals of a project, escalated first, then oldest first. */
  async listPendingApprovals(projectId: string): Promise<Approval[]> {
    const index = MAIN_TABLE.indexes.byStatus;
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: index.name,
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': keys.pendingApprovalsPartition(projectId) },
    });
    return items.map((item) => parseItem(ApprovalSchema, item, 'approval'));
  }

  /** AP-99: every approval of a project (pending and decided), newest request first. */
  async listApprovals(projectId: string): Promise<Approval[]> {
    const { pk } = keys.approvalKey(projectId, 'x');
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.APPROVAL_PREFIX },
    });
    return items
      .map((item) => parseItem(ApprovalSchema, item, 'approval'))
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }

  async #put(approval: Approval, condition: string, values: Record<string, unknown>): Promise<void> {
    const valid = parseInput(ApprovalSchema, approval, 'approval');
    const indexKey = valid.status === 'pending' ? keys.pendingApprovalIndexKey(valid.projectId, valid) : {};
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(valid, {
          ...keys.approvalKey(valid.projectId, valid.approvalId),
          ...indexKey,
          entity: 'Approval',
        }),
        ConditionExpression: condition,
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  }
}
