import type { Context, Hono } from 'hono';
import { DynamoDBImportJobStore } from '#adapters/aws/dynamodb-import-job-store.js';
import { DynamoDBInviteStore } from '#adapters/aws/dynamodb-invite-store.js';
import { DynamoDBLoginThrottleStore } from '#adapters/aws/dynamodb-login-throttle-store.js';
import { DynamoDBMembershipStore } from '#adapters/aws/dynamodb-membership-store.js';
import { DynamoDBSessionStore } from '#adapters/aws/dynamodb-session-store.js';
import { DynamoDBUserStore } from '#adapters/aws/dynamodb-user-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import type { DynamoDBStoreOptions } from '#adapters/aws/store-options.js';
import type { EncryptedFileSecrets } from '#adapters/local/encrypted-file-secrets.js';
import { createApiApp } from '#lambdas/api/app.js';
import { isInitialised } from '#lambdas/api/accounts/init-admin.js';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { randomTokens } from '#lambdas/api/auth/random-tokens.js';
import type { ApiDeps } from '#lambdas/api/deps.js';
import type { ApiEnv } from '#lambdas/api/env.js';
import type { AuthenticateBearer } from '#lambdas/api/bearer.js';
import type { McpBaseDeps } from '#lambdas/api/mcp/deps.js';
import { mcpRoutes } from '#lambdas/api/mcp/mcp-routes.js';
import { withMcp } from '#lambdas/api/mcp/with-mcp.js';
import type { ProjectMounts } from '#lambdas/api/routes/project.js';
import type { ApplyEventDeps } from '#lambdas/app/apply-event.js';
import { tokenAsana } from '#lambdas/composition/console-asana.js';
import type { SecretSettings } from '#lambdas/console-ports.js';
import type {
  AuditLog,
  Clock,
  Ids,
  DeadLetterQueue,
  KillSwitchStore,
  Logger,
  ProjectStore,
  TaskStore,
} from '#lambdas/ports.js';
import type { LocalConfig } from './config.js';
import { localInitAdminToken, type LocalInitAdminToken } from './init-admin-token.js';

/** The session cookie locally: `__Host-` (Chromium and Firefox treat http://localhost as secure), or a plain one. */
export function localCookie(mode: LocalConfig['SESSION_COOKIE']): ApiDeps['options']['cookie'] {
  return mode === 'plain'
    ? { name: 'autoflow_session', secure: false }
    : { name: '__Host-autoflow_session', secure: true };
}

/** SecretSettings over the local encrypted secrets file. */
export function localSecretSettings(secrets: EncryptedFileSecrets): SecretSettings {
  return {
    async status(projectId) {
      const [webhooks, tokens] = await Promise.all([secrets.get(projectId), secrets.tokens.get(projectId)]);
      return {
        githubToken: Boolean(tokens.github),
        asanaToken: Boolean(tokens.asana),
        githubWebhookSecret: Boolean(webhooks.github),
        asanaWebhookSecret: Boolean(webhooks.asana),
      };
    },
    async update(projectId, change) {
      const pick = (github?: string, asana?: string) => ({
        ...(github !== undefined && { github }),
        ...(asana !== undefined && { asana }),
      });
      secrets.set(projectId, {
        tokens: pick(change.githubToken, change.asanaToken),
        webhooks: pick(change.githubWebhookSecret, change.asanaWebhookSecret),
      });
    },
  };
}

/** The client address the local server saw (sign-in throttling). */
function socketAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? '127.0.0.1';
}

/** What the local console API is built from: the runtime's stores and ports, and its own URL. */
export interface LocalConsoleApiOptions {
  config: LocalConfig;
  dataDir: string;
  table: DynamoDBStoreOptions;
  projects: ProjectStore;
  tasks: TaskStore;
  killSwitches: KillSwitchStore;
  deadLetters: DeadLetterQueue;
  audit: AuditLog;
  secrets: EncryptedFileSecrets;
  asanaBaseUrl: string | undefined;
  pipeline: ApplyEventDeps;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The runtime's base URL, known once it listens. */
  url: () => string;
  mounts?: ProjectMounts;
  /** The MCP endpoint at /api/mcp: mounted when the project API tokens' authentication is given. */
  mcp?: { authenticate: AuthenticateBearer } & Pick<McpBaseDeps, 'approvals' | 'taskTokens'>;
}

/** The console API of the local runtime, with its first-admin token and webhook health store. */
export interface LocalConsoleApi {
  api: Hono<ApiEnv>;
  initAdmin: LocalInitAdminToken & { isInitialised(): Promise<boolean> };
  webhookHealth: DynamoDBWebhookHealthStore;
}

/** Composes the console API for the local runtime (the AWS twin is lambdas/composition/aws-api.ts). */
export function createLocalConsoleApi(o: LocalConsoleApiOptions): LocalConsoleApi {
  const users = new DynamoDBUserStore(o.table);
  const webhookHealth = new DynamoDBWebhookHealthStore(o.table);
  const token = localInitAdminToken(o.dataDir, o.config.INIT_ADMIN_TOKEN);
  const origins = () => {
    const own = o.url();
    const list = [own, own.replace('//127.0.0.1:', '//localhost:')];
    return o.config.PUBLIC_URL ? [...list, new URL(o.config.PUBLIC_URL).origin] : list;
  };
  const deps: ApiDeps = {
    projects: o.projects,
    tasks: o.tasks,
    users,
    sessions: new DynamoDBSessionStore(o.table),
    invites: new DynamoDBInviteStore(o.table),
    memberships: new DynamoDBMembershipStore(o.table),
    loginThrottle: new DynamoDBLoginThrottleStore(o.table),
    killSwitches: o.killSwitches,
    deadLetters: o.deadLetters,
    secrets: localSecretSettings(o.secrets),
    webhookHealth,
    importJobs: new DynamoDBImportJobStore(o.table),
    audit: o.audit,
    initAdminToken: token,
    passwords: new ScryptPasswordHasher(),
    tokens: randomTokens,
    asana: tokenAsana(o.secrets.tokens, o.asanaBaseUrl),
    pipeline: o.pipeline,
    clock: o.clock,
    ids: o.ids,
    logger: o.logger,
    options: {
      cookie: localCookie(o.config.SESSION_COOKIE),
      allowedOrigins: origins,
      publicUrl: () => o.config.PUBLIC_URL?.replace(/\/+$/, '') ?? o.url(),
      clientIp: socketAddress,
    },
  };
  return {
    api: o.mcp
      ? withMcp(createApiApp(deps, o.mounts), mcpRoutes({ ...deps, ...o.mcp }))
      : createApiApp(deps, o.mounts),
    initAdmin: { ...token, isInitialised: () => isInitialised({ users }) },
    webhookHealth,
  };
}
