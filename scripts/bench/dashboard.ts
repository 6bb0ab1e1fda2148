import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBApiTokenStore } from '#adapters/aws/dynamodb-api-token-store.js';
import { DynamoDBImportJobStore } from '#adapters/aws/dynamodb-import-job-store.js';
import { DynamoDBInviteStore } from '#adapters/aws/dynamodb-invite-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBLoginThrottleStore } from '#adapters/aws/dynamodb-login-throttle-store.js';
import { DynamoDBMembershipStore } from '#adapters/aws/dynamodb-membership-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBSessionStore } from '#adapters/aws/dynamodb-session-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBUserStore } from '#adapters/aws/dynamodb-user-store.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { toItem } from '#adapters/aws/items.js';
import type { DynamoDBStoreOptions } from '#adapters/aws/store-options.js';
import { taskIndexKey, taskKey } from '#adapters/aws/keys.js';
import { encodeUlid, systemClock, ulidIds } from '#adapters/system.js';
import { DEFAULT_SESSION_LIMITS, openSession, sessionEnd } from '#core/accounts/session.js';
import type { Task, TaskStatus } from '#core/task.js';
import { createApiApp } from '#lambdas/api/app.js';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { randomTokens } from '#lambdas/api/auth/random-tokens.js';
import { startLocalDynamoDB } from '../local/local-dynamodb.js';
import { createProjectConfig, createTask } from '../../test/helpers/factories.js';
import { memoryLogger } from '../../test/helpers/memory-ports.js';

const TASKS = 50_000;
const TARGET_MS = 100;
export const PROJECT_ID = 'bench';
/** A realistic mix: most tasks finished, some in flight, a few stuck. */
const MIX: [TaskStatus, number][] = [
  ['DEPLOYED', 0.7],
  ['WAITING_CI', 0.1],
  ['PR_CREATED', 0.08],
  ['ISSUE_CREATED', 0.05],
  ['FAILED', 0.04],
  ['NEEDS_REPO', 0.03],
];

function statusOf(i: number): TaskStatus {
  let r = (i * 7919) % 1000;
  for (const [status, share] of MIX) {
    r -= share * 1000;
    if (r < 0) return status;
  }
  return 'DEPLOYED';
}

/** What one dashboard request costs, cold and warm. */
export interface DashboardTiming {
  route: string;
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  items: number;
}

/**
 * (c) The dashboard's first page at 50,000 tasks: seeds them into an in-memory dynalite through
 * batch writes shaped exactly as DynamoDBTaskStore writes them, then times the console API route
 * (session, project access, status index query, view) through `app.request()`.
 */
export async function benchDashboard(options: { tasks?: number; rounds?: number } = {}): Promise<{
  tasks: number;
  seedMs: number;
  timings: DashboardTiming[];
  targetMs: number;
}> {
  const count = options.tasks ?? TASKS;
  const rounds = options.rounds ?? 30;
  const dynamo = await startLocalDynamoDB({ tableName: 'bench-dashboard' });
  try {
    const table = { client: dynamo.doc, tableName: dynamo.tableName };
    const seeded = performance.now();
    await seedTasks(table, count);
    const seedMs = performance.now() - seeded;
    const { app, cookie } = await consoleApi(table);
    // Warm the code path (module init, JIT) on another route, so `first` is the first page's data, cold.
    await app.request('/auth/session', { headers: { cookie } });
    const timings: DashboardTiming[] = [];
    for (const route of [
      `/projects/${PROJECT_ID}/tasks?limit=50`,
      `/projects/${PROJECT_ID}/tasks?limit=25`,
      `/projects/${PROJECT_ID}/tasks?status=DEPLOYED&limit=50`,
      `/projects/${PROJECT_ID}/tasks?status=WAITING_CI&limit=50`,
    ]) {
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i <= rounds; i++) {
        const started = performance.now();
        const res = await app.request(route, { headers: { cookie } });
        const body = (await res.json()) as { items: unknown[] };
        samples.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
        items = body.items.length;
      }
      const [first = 0, ...warm] = samples;
      warm.sort((a, b) => a - b);
      timings.push({
        route,
        firstMs: first,
        medianMs: warm[Math.floor(warm.length / 2)] ?? first,
        p95Ms: warm[Math.floor(warm.length * 0.95)] ?? first,
        items,
      });
    }
    return { tasks: count, seedMs, timings, targetMs: TARGET_MS };
  } finally {
    await dynamo.stop();
  }
}

/** Seeds `count` tasks of the bench project, written exactly as DynamoDBTaskStore writes them. */
export async function seedTasks(
  table: DynamoDBStoreOptions,
  count: number,
  statusAt: (i: number) => TaskStatus = statusOf,
): Promise<void> {
  await new DynamoDBProjectStore(table).createProject(
    createProjectConfig({ projectId: PROJECT_ID, slug: PROJECT_ID, name: 'Bench' }),
  );
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const items = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => {
      const i = from + k;
      const status = statusAt(i);
      const taskId = encodeUlid(base + i * 1000, new Uint8Array(10).fill(i % 256));
      const task: Task = createTask({
        projectId: PROJECT_ID,
        taskId,
        asanaGid: String(1_200_000_000_000_000 + i),
        title: `Task ${i}: a realistic title about a change to the product`,
        stage: status === 'NEEDS_REPO' ? 'RECEIVED' : (status as Task['stage']),
        status,
        version: 0,
        createdAt: new Date(base + i * 1000).toISOString(),
        updatedAt: new Date(base + i * 1000).toISOString(),
      });
      return toItem(task, {
        ...taskKey(PROJECT_ID, taskId),
        ...taskIndexKey(PROJECT_ID, status, taskId),
        entity: 'Task',
      });
    });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < count; i += 25) batches.push(items(i, Math.min(count, i + 25)));
  // A few writers in parallel; unprocessed items are retried until none remain.
  const writer = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch;
      while (pending.length > 0) {
        const out = await table.client.send(
          new BatchWriteCommand({
            RequestItems: { [table.tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        pending = (out.UnprocessedItems?.[table.tableName] ?? []).map((r) => r.PutRequest?.Item ?? {});
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}

async function consoleApi(table: DynamoDBStoreOptions) {
  const clock = systemClock;
  const ids = ulidIds(clock);
  const logger = memoryLogger();
  const tasks = new DynamoDBTaskStore(table);
  const users = new DynamoDBUserStore(table);
  const sessions = new DynamoDBSessionStore(table);
  await users.createUser({
    userId: 'u-bench',
    username: 'bench',
    passwordHash: 'scrypt$unused',
    admin: true,
    createdAt: clock.now().toISOString(),
  });
  const token = randomTokens.newToken();
  const session = openSession('u-bench', randomTokens.newToken(), clock.now(), DEFAULT_SESSION_LIMITS);
  await sessions.createSession(token, session, sessionEnd(session, DEFAULT_SESSION_LIMITS));
  const unused = async () => {
    throw new Error('not used by the dashboard');
  };
  const app = createApiApp({
    projects: new DynamoDBProjectStore(table),
    tasks,
    users,
    sessions,
    invites: new DynamoDBInviteStore(table),
    memberships: new DynamoDBMembershipStore(table),
    loginThrottle: new DynamoDBLoginThrottleStore(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    deadLetters: { list: unused, redrive: unused },
    secrets: { status: unused, update: unused },
    webhookHealth: new DynamoDBWebhookHealthStore(table),
    integrationHealth: new DynamoDBIntegrationHealthStore(table),
    importJobs: new DynamoDBImportJobStore(table),
    apiTokens: new DynamoDBApiTokenStore(table),
    audit: { append: unused, listChain: unused },
    initAdminToken: { verify: async () => false },
    passwords: new ScryptPasswordHasher(),
    tokens: randomTokens,
    asana: unused,
    webhookAdmin: {
      asanaWebhooks: unused,
      repoHooks: unused,
      githubWebhookSecret: unused,
      handshakes: { open: unused, consume: unused },
      registry: { listAsanaWebhooks: unused, putAsanaWebhook: unused },
    },
    pipeline: { tasks, workflows: { start: unused }, clock, ids, logger },
    clock,
    ids,
    logger,
    options: {
      cookie: { name: '__Host-autoflow_session', secure: true },
      allowedOrigins: () => [],
      publicUrl: () => 'http://127.0.0.1',
      clientIp: () => '127.0.0.1',
    },
  });
  return { app, cookie: `__Host-autoflow_session=${token}` };
}

/** Prints the dashboard benchmark. */
export function printDashboard(r: Awaited<ReturnType<typeof benchDashboard>>): void {
  console.log(
    `dashboard: first page at ${r.tasks.toLocaleString('en')} tasks (seeded in ${(r.seedMs / 1000).toFixed(1)} s)`,
  );
  for (const t of r.timings) {
    const ok = t.medianMs <= r.targetMs && t.firstMs <= r.targetMs ? 'ok' : 'OVER';
    console.log(
      `  GET ${t.route.padEnd(48)} first ${t.firstMs.toFixed(1).padStart(6)} ms  median ${t.medianMs.toFixed(1).padStart(6)} ms  p95 ${t.p95Ms.toFixed(1).padStart(6)} ms  (${t.items} rows, target ≤ ${r.targetMs} ms: ${ok})`,
    );
  }
}
