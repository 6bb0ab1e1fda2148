import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { DeliveryOutcome, WebhookHealthDay, WebhookHealthStore } from '#lambdas/console-ports.js';
import { epochSeconds, parseItem } from './items.js';
import { WEBHOOK_DAY_PREFIX, webhookHealthKey, webhookHealthPartition } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Daily counters are kept 30 days. */
const HEALTH_TTL_SECONDS = 30 * 24 * 3600;
const OUTCOMES = ['accepted', 'duplicate', 'ignored', 'rejected_signature', 'failed'] as const;

const count = z.number().int().nonnegative().optional();
const DayItemSchema = z.object({
  source: z.enum(['github', 'asana']),
  day: z.string(),
  accepted: count,
  duplicate: count,
  ignored: count,
  rejected_signature: count,
  failed: count,
  lastDeliveryAt: z.string().optional(),
  lastOutcome: z.enum(OUTCOMES).optional(),
  lastRejectedAt: z.string().optional(),
  lastFailureAt: z.string().optional(),
});

/** Webhook delivery outcomes per project, source and UTC day (atomic ADD; one item per day and source). */
export class DynamoDBWebhookHealthStore implements WebhookHealthStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-84: counts one delivery outcome and remembers the latest. */
  async record(
    projectId: string,
    source: 'github' | 'asana',
    outcome: DeliveryOutcome,
    at: Date,
  ): Promise<void> {
    const day = at.toISOString().slice(0, 10);
    const stamp =
      outcome === 'rejected_signature'
        ? ', lastRejectedAt = :at'
        : outcome === 'failed'
          ? ', lastFailureAt = :at'
          : '';
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: webhookHealthKey(projectId, day, source),
        UpdateExpression: `ADD #outcome :one SET lastDeliveryAt = :at, lastOutcome = :outcome, #source = :source, #day = :day, #ttl = :ttl, entity = :entity${stamp}`,
        ExpressionAttributeNames: { '#outcome': outcome, '#source': 'source', '#day': 'day', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':at': at.toISOString(),
          ':outcome': outcome,
          ':source': source,
          ':day': day,
          ':ttl': epochSeconds(at) + HEALTH_TTL_SECONDS,
          ':entity': 'WebhookHealth',
        },
      }),
    );
  }

  /** AP-85: the last `days` days (UTC, including today), newest first. */
  async recent(projectId: string, days: number, now: Date): Promise<WebhookHealthDay[]> {
    const from = new Date(now.getTime() - (days - 1) * 24 * 3600_000).toISOString().slice(0, 10);
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :from',
        ExpressionAttributeValues: {
          ':pk': webhookHealthPartition(projectId),
          ':from': `${WEBHOOK_DAY_PREFIX}${from}`,
        },
        ScanIndexForward: false,
      }),
    );
    return (out.Items ?? []).map((item) => {
      const { source, day, lastDeliveryAt, lastOutcome, lastRejectedAt, lastFailureAt, ...rest } = parseItem(
        DayItemSchema,
        item,
        'webhook health',
      );
      const counts = Object.fromEntries(OUTCOMES.flatMap((o) => (rest[o] ? [[o, rest[o]]] : [])));
      return {
        source,
        day,
        counts,
        ...(lastDeliveryAt !== undefined && { lastDeliveryAt }),
        ...(lastOutcome !== undefined && { lastOutcome }),
        ...(lastRejectedAt !== undefined && { lastRejectedAt }),
        ...(lastFailureAt !== undefined && { lastFailureAt }),
      };
    });
  }
}
