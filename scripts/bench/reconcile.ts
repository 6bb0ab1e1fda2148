import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { MAIN_TABLE } from '#adapters/aws/schema.js';
import type { DynamoDBStoreOptions } from '#adapters/aws/store-options.js';
import { systemClock } from '#adapters/system.js';
import type { TaskStatus } from '#core/task.js';
import { findStuck, RECONCILED_STATUSES } from '#lambdas/app/reconcile/find-stuck.js';
import { startLocalDynamoDB } from '../local/local-dynamodb.js';
import { seedTasks } from './dashboard.js';

const TASKS = 50_000;
const STUCK = 50;
/** Stuck tasks sit in the reconciled statuses, spread over them; every other task has finished. */
const STUCK_STATUSES: TaskStatus[] = ['WAITING_CI', 'PR_CREATED', 'ISSUE_CREATED', 'NEEDS_REPO'];

/** What the reconciler read to find the stuck tasks, against a scan of the table. */
export interface ReconcileCost {
  tasks: number;
  stuck: number;
  found: number;
  /** Items DynamoDB read (ScannedCount) for FindStuck: index queries of the non-terminal statuses. */
  itemsRead: number;
  queries: number;
  /** The acceptance bound: 3 × stuck + one query per status bucket. */
  bound: number;
  /** Baseline: items a scan of the whole table reads to find the same tasks. */
  scanItems: number;
}

/** Counts the items the status-index queries of a client read (DynamoDB bills reads by these). */
function countReads(table: DynamoDBStoreOptions): { items: number; queries: number } {
  const counter = { items: 0, queries: 0 };
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const input = args.input as { IndexName?: string };
      if (context.commandName === 'QueryCommand' && input.IndexName === MAIN_TABLE.indexes.byStatus.name) {
        counter.queries++;
        counter.items += (out.output as { ScannedCount?: number } | undefined)?.ScannedCount ?? 0;
      }
      return out;
    },
    { step: 'initialize', name: 'benchCountReads' },
  );
  return counter;
}

async function scanAll(table: DynamoDBStoreOptions): Promise<number> {
  let items = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start }),
    );
    items += page.ScannedCount ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * (f) Reconcile cost grows with the stuck tasks, not with all tasks: 50,000 tasks of which 50 are
 * stuck (old, non-terminal); FindStuck reads the status index of the non-terminal statuses only.
 */
export async function benchReconcile(
  options: { tasks?: number; stuck?: number } = {},
): Promise<ReconcileCost> {
  const tasks = options.tasks ?? TASKS;
  const stuck = options.stuck ?? STUCK;
  const every = Math.floor(tasks / stuck);
  const dynamo = await startLocalDynamoDB({ tableName: 'bench-reconcile' });
  try {
    const table = { client: dynamo.doc, tableName: dynamo.tableName };
    await seedTasks(table, tasks, (i) =>
      i % every === 0 && i / every < stuck
        ? STUCK_STATUSES[(i / every) % STUCK_STATUSES.length]!
        : i % 10 === 0
          ? 'FAILED'
          : 'DEPLOYED',
    );
    const scanItems = await scanAll(table);
    const reads = countReads(table);
    const result = await findStuck(
      {
        projects: new CachedProjectStore({ inner: new DynamoDBProjectStore(table), clock: systemClock }),
        tasks: new DynamoDBTaskStore(table),
        leases: new DynamoDBLeaseStore(table),
        clock: systemClock,
      },
      {},
      { window: 'bench' },
    );
    const bound = 3 * stuck + RECONCILED_STATUSES.length;
    return {
      tasks,
      stuck,
      found: result.items.length,
      itemsRead: reads.items,
      queries: reads.queries,
      bound,
      scanItems,
    };
  } finally {
    await dynamo.stop();
  }
}

export function printReconcile(r: ReconcileCost): void {
  const ok = r.found === r.stuck && r.itemsRead <= r.bound;
  console.log(
    `reconcile: ${r.tasks} tasks, ${r.stuck} stuck → found ${r.found}, read ${r.itemsRead} items in ${r.queries} queries ` +
      `(bound 3 × stuck + ${RECONCILED_STATUSES.length} buckets = ${r.bound}: ${ok ? 'ok' : 'OVER'}); ` +
      `a table scan reads ${r.scanItems} (${(r.scanItems / Math.max(1, r.itemsRead)).toFixed(0)}× more)`,
  );
}
