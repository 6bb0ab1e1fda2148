import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AsanaWebhookRegistry, StoredAsanaWebhook } from '#lambdas/console-ports.js';
import { parseInput, parseItem, toItem } from './items.js';
import { ASANA_WEBHOOK_PREFIX, asanaWebhookKey, webhookHealthPartition } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

const StoredAsanaWebhookSchema = z.object({
  asanaProjectGid: z.string().min(1),
  webhookGid: z.string().min(1),
  target: z.string().min(1),
  createdAt: z.string(),
});

/** The Asana webhooks Auto-Flow set up, one item per Asana project in the project's webhooks partition. */
export class DynamoDBAsanaWebhookRegistry implements AsanaWebhookRegistry {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-100: the project's Asana webhooks, by Asana project gid. */
  async listAsanaWebhooks(projectId: string): Promise<StoredAsanaWebhook[]> {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': webhookHealthPartition(projectId),
          ':prefix': ASANA_WEBHOOK_PREFIX,
        },
      }),
    );
    return (out.Items ?? []).map((item) => parseItem(StoredAsanaWebhookSchema, item, 'Asana webhook'));
  }

  /** AP-101: records the webhook of one Asana project (a re-created one replaces the old record). */
  async putAsanaWebhook(projectId: string, webhook: StoredAsanaWebhook): Promise<void> {
    const data = parseInput(StoredAsanaWebhookSchema, webhook, 'Asana webhook');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, { ...asanaWebhookKey(projectId, data.asanaProjectGid), entity: 'AsanaWebhook' }),
      }),
    );
  }
}
