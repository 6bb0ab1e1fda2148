import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { statusPartition } from '#adapters/aws/keys.js';
import { MAIN_TABLE } from '#adapters/aws/schema.js';
import type { DynamoDBStoreOptions } from '#adapters/aws/store-options.js';
import { LocalJobQueueHealth } from '#adapters/local/local-job-queue-health.js';
import { LocalQueue } from '#adapters/local/local-queue.js';
import { systemClock } from '#adapters/system.js';
import { summaryOf } from '#core/analytics/aggregate.js';
import { TASK_STATUSES, type TaskStatus } from '#core/task.js';
import { analyticsRoutes, type AnalyticsEnv } from '#lambdas/api/routes/analytics.js';
import { startLocalDynamoDB } from '../local/local-dynamodb.js';
import { PROJECT_ID, seedTasks } from './dashboard.js';

const TASKS = 50_000;
const TARGET_MS = 50;

/** The summary without counters: one COUNT query per status over the status index (pages of 1 MB). */
async function countByQueries(table: DynamoDBStoreOptions): Promise<Partial<Record<TaskStatus, number>>> {
  const counts: Partial<Record<TaskStatus, number>> = {};
  for (const status of TASK_STATUSES) {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: MAIN_TABLE.indexes.byStatus.name,
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': statusPartition(PROJECT_ID, status) },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    counts[status] = total;
  }
  return counts;
}

async function timed<T>(rounds: number, fn: () => Promise<T>): Promise<{ medianMs: number; value: T }> {
  const samples: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    value = await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, value: value as T };
}

/**
 * (e) `GET analytics/summary` at 50,000 tasks: the counter item (seeded by a recount) read through the
 * route, against the baseline measured in the same run, counting the status index with COUNT queries.
 */
export async function benchAnalyticsSummary(options: { tasks?: number; rounds?: number } = {}) {
  const count = options.tasks ?? TASKS;
  const rounds = options.rounds ?? 30;
  const dynamo = await startLocalDynamoDB({ tableName: 'bench-analytics' });
  try {
    const table = { client: dynamo.doc, tableName: dynamo.tableName };
    await seedTasks(table, count);
    const analytics = new DynamoDBAnalyticsStore(table);
    await analytics.recountStatuses(PROJECT_ID);
    const app = new Hono<AnalyticsEnv>()
      .use(async (c, next) => {
        c.set('project', { projectId: PROJECT_ID });
        c.set('principal', { role: 'viewer' });
        await next();
      })
      .route(
        '/',
        analyticsRoutes({
          analytics,
          tasks: new DynamoDBTaskStore(table),
          webhookHealth: new DynamoDBWebhookHealthStore(table),
          jobs: new LocalJobQueueHealth({
            queue: new LocalQueue({ clock: systemClock }),
            clock: systemClock,
          }),
          clock: systemClock,
        }),
      );
    const summary = await timed(rounds, async () => {
      const res = await app.request('/summary');
      if (res.status !== 200) throw new Error(`summary answered ${res.status}`);
      return (await res.json()) as { total: number };
    });
    const baseline = await timed(3, async () => summaryOf(await countByQueries(table)));
    if (summary.value.total !== count || baseline.value.total !== count)
      throw new Error(
        `summary counted ${summary.value.total}, baseline ${baseline.value.total}, seeded ${count}`,
      );
    return { tasks: count, summaryMs: summary.medianMs, baselineMs: baseline.medianMs, targetMs: TARGET_MS };
  } finally {
    await dynamo.stop();
  }
}

/** Prints the analytics summary benchmark. */
export function printAnalyticsSummary(r: Awaited<ReturnType<typeof benchAnalyticsSummary>>): void {
  const ok = r.summaryMs <= r.targetMs ? 'ok' : 'OVER';
  console.log(
    `analytics summary at ${r.tasks.toLocaleString('en')} tasks: counters ${r.summaryMs.toFixed(1)} ms (target ≤ ${r.targetMs} ms: ${ok}), ` +
      `COUNT queries over the status index ${r.baselineMs.toFixed(0)} ms — ${(r.baselineMs / r.summaryMs).toFixed(0)}× faster`,
  );
}
