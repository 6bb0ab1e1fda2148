import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IntegrationHealthSchema, type IntegrationHealth } from '#core/integration-health.js';
import type { IntegrationHealthStore } from '#lambdas/ports.js';
import { parseInput, parseItem, toItem } from './items.js';
import { INTEGRATION_HEALTH_PARTITION, integrationHealthKey } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Integration health, one item per project; the reconciler's webhook repair is the only writer. */
export class DynamoDBIntegrationHealthStore implements IntegrationHealthStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-150: one project's health record. */
  async getHealth(projectId: string): Promise<IntegrationHealth | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: integrationHealthKey(projectId) }),
    );
    return Item ? parseItem(IntegrationHealthSchema, Item, 'integration health') : undefined;
  }

  /** AP-151: every project's health record. */
  async listHealth(): Promise<IntegrationHealth[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': INTEGRATION_HEALTH_PARTITION },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items.map((item) => parseItem(IntegrationHealthSchema, item, 'integration health'));
  }

  /** AP-152: replaces a project's health record (last writer wins: one reconcile run per window). */
  async putHealth(health: IntegrationHealth): Promise<void> {
    const data = parseInput(IntegrationHealthSchema, health, 'integration health');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, { ...integrationHealthKey(data.projectId), entity: 'IntegrationHealth' }),
      }),
    );
  }
}
