import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '#core/errors.js';
import { PolicySetVersionSchema, type PolicySetVersion } from '#core/policy/policy-set.js';
import type { PolicyStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem } from './items.js';
import * as keys from './keys.js';
import { queryAll } from './paging.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Versioned per-project policy sets: one item per version, never overwritten. */
export class DynamoDBPolicyStore implements PolicyStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-29: the latest version of a project's policy set. */
  async latestPolicySet(projectId: string): Promise<PolicySetVersion | undefined> {
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.policyPartition(projectId),
          ':prefix': keys.POLICY_VERSION_PREFIX,
        },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = Items?.[0];
    return item === undefined ? undefined : parseItem(PolicySetVersionSchema, item, 'policy set');
  }

  /** AP-30: every version of a project's policy set, newest first. */
  async listPolicySets(projectId: string): Promise<PolicySetVersion[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.policyPartition(projectId),
        ':prefix': keys.POLICY_VERSION_PREFIX,
      },
      ScanIndexForward: false,
    });
    return items.map((item) => parseItem(PolicySetVersionSchema, item, 'policy set'));
  }

  /** AP-35: stores a new version (`attribute_not_exists`); VersionConflictError when the number is taken. */
  async putPolicySet(version: PolicySetVersion): Promise<void> {
    const valid = parseInput(PolicySetVersionSchema, version, 'policy set');
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(valid, {
            ...keys.policyVersionKey(valid.projectId, valid.version),
            entity: 'PolicySet',
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new VersionConflictError(`policy set version ${valid.version} already exists`, {
          cause: error,
        });
      throw error;
    }
  }
}
