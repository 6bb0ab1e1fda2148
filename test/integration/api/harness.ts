import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DynamoDBApiTokenStore } from '#adapters/aws/dynamodb-api-token-store.js';
import { DynamoDBAsanaWebhookRegistry } from '#adapters/aws/dynamodb-asana-webhook-registry.js';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
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
import { ensureAuditTable } from '#adapters/aws/create-audit-table.js';
import { ensureMainTable } from '#adapters/aws/create-table.js';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { LocalDeadLetters } from '#adapters/local/local-dead-letters.js';
import { LocalJobQueueHealth } from '#adapters/local/local-job-queue-health.js';
import { LocalQueue } from '#adapters/local/local-queue.js';
import { ulidIds } from '#adapters/system.js';
import type { Action } from '#core/actions.js';
import type { AsanaTaskRecord } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import { createApiApp } from '#lambdas/api/app.js';
import { analyticsRoutes } from '#lambdas/api/routes/analytics.js';
import { createApprovalsRoutes } from '#lambdas/api/routes/approvals.js';
import { createTriggersRoutes } from '#lambdas/api/routes/triggers.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { randomTokens } from '#lambdas/api/auth/random-tokens.js';
import type { ApiDeps } from '#lambdas/api/deps.js';
import type { EnumOption, SecretName, SecretSettings, WorkAuthoring } from '#lambdas/console-ports.js';
import type { WorkTracker } from '#lambdas/ports.js';
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { createProjectConfig } from '../../helpers/factories.js';
import { fixedClock, memoryLogger, memoryTriggerSecrets } from '../../helpers/memory-ports.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { memoryWebhookAdmin } from './memory-webhook-admin.js';

export const ORIGIN = 'https://console.example.test';
export const INIT_TOKEN = 'init-token-0123456789abcdef0123456789';
export const COOKIE = '__Host-autoflow_session';
export const PASSWORD = 'correct horse battery staple';

/** Secrets in memory, with the values kept so tests can scan responses and logs for them. */
export function memorySecretSettings(): SecretSettings & {
  values: Map<string, Partial<Record<SecretName, string>>>;
} {
  const values = new Map<string, Partial<Record<SecretName, string>>>();
  return {
    values,
    status: async (projectId) => {
      const v = values.get(projectId) ?? {};
      return {
        githubToken: Boolean(v.githubToken),
        asanaToken: Boolean(v.asanaToken),
        githubWebhookSecret: Boolean(v.githubWebhookSecret),
        asanaWebhookSecret: Boolean(v.asanaWebhookSecret),
      };
    },
    update: async (projectId, change) => void values.set(projectId, { ...values.get(projectId), ...change }),
  };
}

/** Asana in memory: tasks by gid, enum options by field, and the tasks created through it. */
export function memoryAsana(): WorkTracker &
  WorkAuthoring & {
    tasks: Map<string, AsanaTaskRecord>;
    options: Map<string, EnumOption[]>;
    created: unknown[];
  } {
  const tasks = new Map<string, AsanaTaskRecord>();
  const options = new Map<string, EnumOption[]>();
  const created: unknown[] = [];
  let next = 9000;
  return {
    tasks,
    options,
    created,
    getTask: async (gid) => tasks.get(gid),
    completeTask: async () => undefined,
    reopenTask: async () => undefined,
    comment: async () => undefined,
    checkToken: async () => 'ok',
    createTask: async (input) => {
      created.push(input);
      const gid = String(next++);
      return { gid, url: `https://app.asana.test/0/1/${gid}` };
    },
    listModifiedTasks: async (_project, since, page) => {
      const all = [...tasks.values()].filter((t) => t.modifiedAt >= since).map((t) => t.gid);
      const start = Number(page ?? 0);
      const gids = all.slice(start, start + 2);
      return { gids, ...(start + 2 < all.length && { nextPage: String(start + 2) }) };
    },
    listEnumOptions: async (field) => options.get(field) ?? [],
    listProjectFields: async () =>
      [...options.entries()].map(([gid, opts]) => ({
        gid,
        name: `Field ${gid}`,
        type: 'enum',
        options: opts,
      })),
    addEnumOption: async (field, name) => {
      const option = { gid: `${field}-${name}`, name, enabled: true };
      options.set(field, [...(options.get(field) ?? []), option]);
      return option;
    },
  };
}

/** A console API over a fresh table of a shared dynalite, with memory stand-ins for the rest. */
export async function createHarness(db: Dynalite, overrides: Partial<ApiDeps['options']> = {}) {
  const tableName = `${db.tableName}-${randomUUID()}`;
  await ensureMainTable(db.client, tableName);
  await ensureAuditTable(db.client, `${tableName}-audit`);
  const table = { client: db.doc, tableName };
  const audit = new DynamoDBAuditLog({ client: db.doc, tableName: `${tableName}-audit` });
  const approvals = new DynamoDBApprovalStore(table);
  const answered: { token: string; outcome: 'succeed' | 'fail' }[] = [];
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const logger = memoryLogger();
  const secrets = memorySecretSettings();
  const asana = memoryAsana();
  const started: Action[] = [];
  const tasks = new DynamoDBTaskStore(table);
  const analytics = new DynamoDBAnalyticsStore(table);
  const ids = ulidIds(clock);
  // The ingest queue in memory, so the dead-letter routes have something to show.
  const queue = new LocalQueue({ clock, visibilityTimeoutSeconds: 1, maxReceiveCount: 3 });
  const webhookAdmin = memoryWebhookAdmin({
    handshakes: new DynamoDBHandshakeStore(table),
    registry: new DynamoDBAsanaWebhookRegistry(table),
    clock,
    githubSecret: async (projectId) => secrets.values.get(projectId)?.githubWebhookSecret,
  });
  const deps: ApiDeps = {
    projects: new DynamoDBProjectStore(table),
    tasks,
    users: new DynamoDBUserStore(table),
    sessions: new DynamoDBSessionStore(table),
    invites: new DynamoDBInviteStore(table),
    memberships: new DynamoDBMembershipStore(table),
    loginThrottle: new DynamoDBLoginThrottleStore(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    deadLetters: new LocalDeadLetters(queue),
    secrets,
    webhookHealth: new DynamoDBWebhookHealthStore(table),
    integrationHealth: new DynamoDBIntegrationHealthStore(table),
    importJobs: new DynamoDBImportJobStore(table),
    apiTokens: new DynamoDBApiTokenStore(table),
    audit,
    initAdminToken: { verify: async (token) => token === INIT_TOKEN },
    passwords: new ScryptPasswordHasher(),
    tokens: randomTokens,
    asana: async () => asana,
    webhookAdmin,
    pipeline: {
      tasks,
      workflows: {
        start: async (a) => void started.push(a),
      },
      analytics,
      clock,
      ids,
      logger,
    },
    clock,
    ids,
    logger,
    options: {
      cookie: { name: COOKIE, secure: true },
      allowedOrigins: () => [ORIGIN],
      publicUrl: () => ORIGIN,
      clientIp: (c) => c.req.header('x-test-client') ?? '192.0.2.1',
      ...overrides,
    },
  };
  const jobs = new LocalJobQueueHealth({ queue, clock });
  const taskTokens = {
    succeed: async (token: string) => void answered.push({ token, outcome: 'succeed' }),
    fail: async (token: string) => void answered.push({ token, outcome: 'fail' }),
  };
  const triggers = new DynamoDBTriggerStore(table);
  const triggerSecrets = memoryTriggerSecrets();
  const app = createApiApp(deps, {
    '/approvals': createApprovalsRoutes({ approvals, tasks, taskTokens, audit, clock }),
    '/analytics': analyticsRoutes({
      analytics,
      tasks,
      webhookHealth: deps.webhookHealth,
      jobs,
      clock,
    }),
    '/triggers': createTriggersRoutes({
      triggers,
      killSwitches: deps.killSwitches,
      triggerSecrets,
      tasks,
      workflows: deps.pipeline.workflows,
      audit,
      clock,
      ids,
    }),
  });
  return {
    app,
    deps,
    clock,
    logger,
    secrets,
    asana,
    webhookAdmin,
    started,
    tasks,
    table,
    approvals,
    audit,
    answered,
    queue,
    analytics,
    triggers,
    triggerSecrets,
    jobs,
  };
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** What a test saw come back, kept for the secrets scan. */
export interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A browser-like client: keeps the session cookie, sends Origin and the CSRF token like the SPA. */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  readonly seen: Seen[] = [];

  constructor(
    private readonly app: Hono<never> | Hono<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any Env
    private readonly defaults: { origin?: string | null; client?: string } = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    const origin = this.defaults.origin === undefined ? ORIGIN : this.defaults.origin;
    if (origin !== null && !('origin' in h)) h.origin = origin;
    if (this.cookie) h.cookie = `${COOKIE}=${this.cookie}`;
    if (this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    if (this.defaults.client) h['x-test-client'] = this.defaults.client;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await this.app.request(path, {
      method,
      headers: h,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const seen = { status: res.status, headers: Object.fromEntries(res.headers), body: text };
    this.seen.push(seen);
    // Like a browser: every Set-Cookie in order, the last one for our cookie wins.
    for (const setCookie of res.headers.getSetCookie().filter((c) => c.startsWith(`${COOKIE}=`))) {
      const value = setCookie.slice(COOKIE.length + 1).split(';')[0] ?? '';
      this.cookie = value === '' || /max-age=0(;|$)/i.test(setCookie) ? undefined : value;
    }
    const json = text ? (JSON.parse(text) as Record<string, any>) : {}; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read fields freely
    if (typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.status, json, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
  delete = (path: string) => this.request('DELETE', path);
}

/** Creates the first admin and returns their browser. */
export async function signedInAdmin(h: Harness, username = 'root-admin'): Promise<Browser> {
  const browser = new Browser(h.app);
  const res = await browser.post('/auth/init', { token: INIT_TOKEN, username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`init failed: ${res.status} ${JSON.stringify(res.json)}`);
  return browser;
}

/** A project configured for tests, with secrets set. */
export async function seedProject(
  h: Harness,
  overrides: Partial<ProjectConfig> = {},
): Promise<ProjectConfig> {
  const project = createProjectConfig({
    projectId: `p${randomUUID().slice(0, 8)}`,
    slug: 'acme',
    ...overrides,
  });
  await h.deps.projects.createProject(project);
  await h.secrets.update(project.projectId, {
    githubToken: 'gh-test-token-SECRET-github-000000',
    asanaToken: '2/SECRETasanatoken/000000000000',
    githubWebhookSecret: 'whsec-SECRET-github-0000000000',
  });
  return project;
}

/** Adds a user with a role through the real invite flow and returns their signed-in browser. */
export async function member(
  h: Harness,
  admin: Browser,
  slug: string,
  role: 'viewer' | 'editor' | 'admin',
  username: string,
): Promise<Browser> {
  const invite = await admin.post(`/projects/${slug}/invites`, { role });
  if (invite.status !== 201)
    throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.json)}`);
  const token = String(invite.json.link).split('#')[1];
  const browser = new Browser(h.app);
  const res = await browser.post('/auth/invite/accept', { token, username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.json)}`);
  return browser;
}

/** What `perTestAdminHarness` hands each test: a fresh harness, its signed-in instance admin and a project. */
export interface AdminBed {
  h: Harness;
  admin: Browser;
  project: ProjectConfig;
}

/**
 * One dynalite per file and, before each test, a fresh harness with a signed-in instance admin and a
 * seeded project, handed to `assign` (e.g. `perTestAdminHarness((bed) => ({ h, admin, project } = bed))`).
 */
export function perTestAdminHarness(assign: (bed: AdminBed) => void): void {
  let db: Dynalite;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    const h = await createHarness(db);
    const admin = await signedInAdmin(h);
    assign({ h, admin, project: await seedProject(h) });
  });
}
