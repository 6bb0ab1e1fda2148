import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DynamoDBApiTokenStore } from '#adapters/aws/dynamodb-api-token-store.js';
import { DynamoDBIdempotencyStore } from '#adapters/aws/dynamodb-idempotency-store.js';
import { DynamoDBImportJobStore } from '#adapters/aws/dynamodb-import-job-store.js';
import { DynamoDBInviteStore } from '#adapters/aws/dynamodb-invite-store.js';
import { DynamoDBLoginThrottleStore } from '#adapters/aws/dynamodb-login-throttle-store.js';
import { DynamoDBMembershipStore } from '#adapters/aws/dynamodb-membership-store.js';
import { DynamoDBSessionStore } from '#adapters/aws/dynamodb-session-store.js';
import { DynamoDBUserStore } from '#adapters/aws/dynamodb-user-store.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import type { DynamoDBStoreOptions } from '#adapters/aws/store-options.js';
import type { EncryptedFileSecrets } from '#adapters/local/encrypted-file-secrets.js';
import { createApiApp } from '#lambdas/api/app.js';
import { isInitialised } from '#lambdas/api/accounts/init-admin.js';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { randomTokens } from '#lambdas/api/auth/random-tokens.js';
import type { AuthenticateBearer } from '#lambdas/api/bearer.js';
import type { ApiDeps } from '#lambdas/api/deps.js';
import { mcpRoutes } from '#lambdas/api/mcp/mcp-routes.js';
import type { ProjectMounts } from '#lambdas/api/routes/project.js';
import { createApiV1App } from '#lambdas/api/v1/app.js';
import { createBearerAuthenticator } from '#lambdas/api/v1/authenticate-bearer.js';
import type { ApiV1Deps } from '#lambdas/api/v1/deps.js';
import type { ApplyEventDeps } from '#lambdas/app/apply-event.js';
import { tokenAsana } from '#lambdas/composition/console-asana.js';
import { tokenWebhookAdmin } from '#lambdas/composition/console-webhooks.js';
import type { AsanaWebhookRegistry, SecretSettings } from '#lambdas/console-ports.js';
import type {
  AuditLog,
  Clock,
  Ids,
  DeadLetterQueue,
  HandshakeStore,
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
  githubBaseUrl: string | undefined;
  /** The receivers' Asana handshake windows ("Set up Asana webhooks" opens them). */
  handshakes: HandshakeStore;
  asanaWebhooks: AsanaWebhookRegistry;
  pipeline: ApplyEventDeps;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** The runtime's base URL, known once it listens. */
  url: () => string;
  mounts?: ProjectMounts;
  /** What /api/v1 needs beyond the console's ports: policies and approvals of the action machine, analytics. */
  v1: Pick<
    ApiV1Deps,
    | 'policies'
    | 'policyValidator'
    | 'defaultPolicyText'
    | 'onPolicySaved'
    | 'approvals'
    | 'taskTokens'
    | 'analytics'
    | 'jobs'
  > &
    Pick<ApiV1Deps, 'triggers' | 'triggerSecrets'>;
}

/** The console API of the local runtime (with /api/v1 under it), its first-admin token and webhook health store. */
export interface LocalConsoleApi {
  api: Hono;
  /** The API token store (the console's token page and /api/v1 share it). */
  apiTokens: DynamoDBApiTokenStore;
  /** Resolves `Authorization: Bearer afp_…` to a project principal (/api/v1, and MCP to come). */
  authenticate: AuthenticateBearer;
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
  const apiTokens = new DynamoDBApiTokenStore(o.table);
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
    integrationHealth: new DynamoDBIntegrationHealthStore(o.table),
    importJobs: new DynamoDBImportJobStore(o.table),
    apiTokens,
    audit: o.audit,
    initAdminToken: token,
    passwords: new ScryptPasswordHasher(),
    tokens: randomTokens,
    asana: tokenAsana(o.secrets.tokens, o.asanaBaseUrl),
    webhookAdmin: tokenWebhookAdmin({
      tokens: o.secrets.tokens,
      webhookSecrets: o.secrets,
      handshakes: o.handshakes,
      registry: o.asanaWebhooks,
      githubBaseUrl: o.githubBaseUrl,
      asanaBaseUrl: o.asanaBaseUrl,
    }),
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
  const authenticate = createBearerAuthenticator({
    apiTokens,
    projects: o.projects,
    clock: o.clock,
    logger: o.logger,
  });
  const v1Deps = {
    ...deps,
    ...o.v1,
    apiTokens,
    idempotency: new DynamoDBIdempotencyStore(o.table),
    authenticate,
    randomBytes: () => randomBytes(32),
  };
  // /api/v1 and /api/mcp first: they answer before the console's session and CSRF middleware would run.
  const api = new Hono()
    .route('/v1', createApiV1App(v1Deps))
    .route('/mcp', mcpRoutes(v1Deps))
    .route('/', createApiApp(deps, o.mounts));
  return {
    api,
    apiTokens,
    authenticate,
    initAdmin: { ...token, isInitialised: () => isInitialised({ users }) },
    webhookHealth,
  };
}
