import type { Context } from 'hono';
import type { LoginLimits } from '#core/accounts/login-throttle.js';
import type { SessionLimits } from '#core/accounts/session.js';
import type { ApplyEventDeps } from '#lambdas/app/apply-event.js';
import type {
  ApiTokenStore,
  ImportJobStore,
  InitAdminToken,
  InviteStore,
  LoginThrottleStore,
  MembershipStore,
  SecretSettings,
  SessionStore,
  UserStore,
  WebhookAdmin,
  WebhookHealthStore,
  WorkAuthoring,
} from '#lambdas/console-ports.js';
import type {
  AuditLog,
  Clock,
  IntegrationHealthStore,
  DeadLetterQueue,
  Ids,
  KillSwitchStore,
  Logger,
  ProjectStore,
  TaskStore,
  WorkTracker,
} from '#lambdas/ports.js';
import type { PasswordHasher } from './auth/password-hasher.js';
import type { TokenSource } from './auth/random-tokens.js';

/** How the session cookie is set; chosen by the composition root. */
export interface CookieOptions {
  /** `__Host-…` (Secure, Path=/, no Domain) unless configured otherwise for plain-HTTP hosts. */
  name: string;
  secure: boolean;
}

/** Deployment-specific settings of the console API. */
export interface ApiOptions {
  cookie: CookieOptions;
  /** Origins whose browsers may send state-changing requests (the console's own origin(s)). */
  allowedOrigins: () => readonly string[];
  /** Base URL for links the API hands out (webhook URLs, invite links). */
  publicUrl: () => string;
  /** The client address used for sign-in throttling. */
  clientIp: (c: Context) => string;
  sessionLimits?: SessionLimits;
  loginLimits?: LoginLimits;
}

/** Everything the console API is built from. */
export interface ApiDeps {
  projects: ProjectStore;
  tasks: TaskStore;
  users: UserStore;
  sessions: SessionStore;
  invites: InviteStore;
  memberships: MembershipStore;
  loginThrottle: LoginThrottleStore;
  killSwitches: KillSwitchStore;
  secrets: SecretSettings;
  webhookHealth: WebhookHealthStore;
  /** Each project's integration health as the reconciler last recorded it (read only here). */
  integrationHealth: IntegrationHealthStore;
  importJobs: ImportJobStore;
  /** Project API tokens (managed in the console, used by /api/v1 and MCP). */
  apiTokens: ApiTokenStore;
  /** The ingest queue's dead letters (instance admins inspect and redrive them). */
  deadLetters: DeadLetterQueue;
  /** The audit log: kill switch changes are recorded; the audit view verifies a project's chain. */
  audit: AuditLog;
  initAdminToken: InitAdminToken;
  passwords: PasswordHasher;
  tokens: TokenSource;
  /** The project's Asana client (built from its token). */
  asana(projectId: string): Promise<WorkTracker & WorkAuthoring>;
  /** The webhooks page's actions: Asana webhooks and GitHub repo hooks of a project. */
  webhookAdmin: WebhookAdmin;
  /** What task commands need to run through applyEvent (workflows start new outbox actions). */
  pipeline: ApplyEventDeps;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  options: ApiOptions;
}
