import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BudgetIncrement } from '#core/policy/budget.js';
import type { Budgets } from '#core/policy/request.js';
import type { BudgetStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import { budgetKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Counters are kept a few days past their day (policies read only today's). */
const RETENTION_MS = 8 * 86_400_000;

/**
 * Daily budget counters, one item per project and UTC day. An increment and the id of the action
 * it counts are written by one conditional update, so a retried Record counts nothing twice.
 */
export class DynamoDBBudgetStore implements BudgetStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-127: the counters of a day (zeros when nothing was counted). */
  async budgets(projectId: string, day: string): Promise<Budgets> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: budgetKey(projectId, day), ConsistentRead: true }),
    );
    return {
      issuesCreatedToday: Number(Item?.issuesCreated ?? 0),
      agentRunsToday: Number(Item?.agentRuns ?? 0),
    };
  }

  /** AP-128: adds one effect's counts once, keyed on the action id (false when already counted). */
  async countEffect(
    projectId: string,
    day: string,
    actionId: string,
    increment: BudgetIncrement,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: budgetKey(projectId, day),
          UpdateExpression:
            'ADD issuesCreated :issues, agentRuns :runs, counted :ids SET #ttl = if_not_exists(#ttl, :ttl), entity = :entity',
          ConditionExpression: 'attribute_not_exists(counted) OR NOT contains(counted, :id)',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':issues': increment.issuesCreated,
            ':runs': increment.agentRuns,
            ':ids': new Set([actionId]),
            ':id': actionId,
            ':ttl': epochSeconds(new Date(Date.parse(`${day}T00:00:00.000Z`) + RETENTION_MS)),
            ':entity': 'Budget',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
