import type { z } from 'zod';
import type { DeliveryOutcomeSchema } from '#core/analytics/schemas.js';
import type { ApiToken } from '#core/api-tokens/api-token.js';
import type { Invite } from '#core/accounts/invite.js';
import type { Membership } from '#core/accounts/membership.js';
import type { Role } from '#core/accounts/roles.js';
import type { Session } from '#core/accounts/session.js';
import type { User } from '#core/accounts/user.js';
import type { ImportJob } from '#core/import-job.js';
import type { HandshakeStore } from './ports.js';

// Ports the console API needs beyond lambdas/ports.ts: accounts, secrets settings, Asana authoring,
// webhook health and import jobs. The pipeline never uses them.

/** Console users. */
export interface UserStore {
  /** AP-60: user by id. */
  getUser(userId: string): Promise<User | undefined>;
  /** AP-61: user by username. */
  getUserByUsername(username: string): Promise<User | undefined>;
  /** AP-62: all users, by username. */
  listUsers(): Promise<User[]>;
  /** AP-63: creates a user; ReferenceConflictError when the username is taken. */
  createUser(user: User): Promise<void>;
  /** AP-64: who claimed the first-admin slot, if anyone. */
  firstAdminClaim(): Promise<{ userId: string; claimedAt: string } | undefined>;
  /** AP-65: claims the one-time first-admin slot for `userId`; false when it is taken. */
  claimFirstAdmin(userId: string, now: Date): Promise<boolean>;
}

/** Sessions, keyed by the cookie value (stores keep only its hash). */
export interface SessionStore {
  /** AP-66: writes a new session expiring (TTL) at `expiresAt`. */
  createSession(token: string, session: Session, expiresAt: Date): Promise<void>;
  /** AP-67: the session for a cookie value. */
  getSession(token: string): Promise<Session | undefined>;
  /** AP-68: moves `lastSeenAt` and the TTL; no-op when the session is gone. */
  touchSession(token: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  /** AP-69: ends a session. */
  deleteSession(token: string): Promise<void>;
}

/** Invites, keyed by a hash of their one-time token (which is the invite id). */
export interface InviteStore {
  /** AP-70: stores an invite for `token`; returns it with its id. */
  createInvite(token: string, invite: Omit<Invite, 'inviteId'>): Promise<Invite>;
  /** AP-71: the invite for a token. */
  getInviteByToken(token: string): Promise<Invite | undefined>;
  /** AP-72: marks the invite used by `username` if it is still valid at `now`; false otherwise. */
  consumeInvite(token: string, username: string, now: Date): Promise<boolean>;
  /** AP-73: undoes `consumeInvite` by the same username (the account could not be created). */
  releaseInvite(token: string, username: string): Promise<void>;
  /** AP-74: invites of a project, newest first. */
  listInvites(projectId: string): Promise<Invite[]>;
  /** AP-75: deletes an invite of a project. */
  revokeInvite(projectId: string, inviteId: string): Promise<void>;
}

/** Who may do what in which project. */
export interface MembershipStore {
  /** AP-76: a user's membership in a project. */
  getMembership(projectId: string, userId: string): Promise<Membership | undefined>;
  /** AP-77: members of a project. */
  listMembers(projectId: string): Promise<Membership[]>;
  /** AP-78: projects a user is a member of. */
  listMemberships(userId: string): Promise<Membership[]>;
  /** AP-79: adds a member or changes their role. */
  putMembership(membership: Membership): Promise<void>;
  /** AP-80: removes a member. */
  deleteMembership(projectId: string, userId: string): Promise<void>;
}

/** Failed sign-ins per account and per client, counted in fixed windows. */
export interface LoginThrottleStore {
  /** AP-81: failures in the window starting at `window` (epoch ms). */
  failures(
    keys: { account: string; client: string },
    window: number,
  ): Promise<{ account: number; client: number }>;
  /** AP-82: counts one failure for both keys; the counters expire at `expiresAt`. */
  recordFailure(keys: { account: string; client: string }, window: number, expiresAt: Date): Promise<void>;
  /** AP-83: forgets an account's failures after a successful sign-in. */
  clearAccount(account: string, window: number): Promise<void>;
}

/** Which integration secrets are set, and writing them (values never come back out). */
export interface SecretSettings {
  status(projectId: string): Promise<SecretStatus>;
  update(projectId: string, change: Partial<Record<SecretName, string>>): Promise<void>;
}
export const SECRET_NAMES = [
  'githubToken',
  'asanaToken',
  'githubWebhookSecret',
  'asanaWebhookSecret',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type SecretStatus = Record<SecretName, boolean>;

/** An enum option of an Asana custom field. */
export interface EnumOption {
  gid: string;
  name: string;
  enabled: boolean;
}

/** A custom field of an Asana project, with its options when it is an enum. */
export interface AsanaField {
  gid: string;
  name: string;
  type: string;
  options: EnumOption[];
}

/** Asana as the console uses it: create tasks, list recent ones, read and extend enum fields. */
export interface WorkAuthoring {
  /** Creates a task in a project with enum fields set by option name ({ fieldGid: optionName }). */
  createTask(input: {
    projectGid: string;
    name: string;
    notes: string;
    enumValues: Record<string, string>;
  }): Promise<{ gid: string; url?: string }>;
  /** One page of the gids of a project's tasks modified since `since`. */
  listModifiedTasks(
    projectGid: string,
    since: string,
    page?: string,
  ): Promise<{ gids: string[]; nextPage?: string }>;
  listEnumOptions(fieldGid: string): Promise<EnumOption[]>;
  /** The custom fields of an Asana project (Settings offers them to choose from). */
  listProjectFields(projectGid: string): Promise<AsanaField[]>;
  addEnumOption(fieldGid: string, name: string): Promise<EnumOption>;
}

/** What happened to one webhook delivery at the front door. */
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>;

/** Webhook health per project and source, per day. */
export interface WebhookHealthStore {
  /** AP-84: counts one delivery outcome. */
  record(projectId: string, source: 'github' | 'asana', outcome: DeliveryOutcome, at: Date): Promise<void>;
  /** AP-85: the last `days` days, newest first. */
  recent(projectId: string, days: number, now: Date): Promise<WebhookHealthDay[]>;
}
export interface WebhookHealthDay {
  source: 'github' | 'asana';
  day: string;
  counts: Partial<Record<DeliveryOutcome, number>>;
  lastDeliveryAt?: string;
  lastOutcome?: DeliveryOutcome;
  lastRejectedAt?: string;
  lastFailureAt?: string;
}

/** Import jobs ("Import from Asana"), advanced step by step by the console. */
export interface ImportJobStore {
  /** AP-86: creates a job. */
  createJob(job: ImportJob): Promise<void>;
  /** AP-87: a job by id. */
  getJob(projectId: string, jobId: string): Promise<ImportJob | undefined>;
  /** AP-88: saves a job if its `step` is still `expectedStep` (one runner at a time); false otherwise. */
  saveJob(job: ImportJob, expectedStep: number): Promise<boolean>;
  /** AP-89: the newest job of a project. */
  latestJob(projectId: string): Promise<ImportJob | undefined>;
}

/** The first-admin token: set by configuration, spent once an admin exists. */
export interface InitAdminToken {
  /** True when `token` is the configured one (constant time). */
  verify(token: string): Promise<boolean>;
}

/** A project role as seen by routes (the approvals sub-app reads it). */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
}

/** Project API tokens, keyed by the digest of their secret (the secret itself is never stored). */
export interface ApiTokenStore {
  /** AP-90: stores a new token under the digest of `secret`. */
  createApiToken(secret: string, token: ApiToken): Promise<void>;
  /** AP-91: the token a secret belongs to (one GetItem by digest, strongly consistent). */
  getApiTokenBySecret(secret: string): Promise<ApiToken | undefined>;
  /** AP-92: tokens of a project, oldest first. */
  listApiTokens(projectId: string): Promise<ApiToken[]>;
  /** AP-93: one token of a project by id. */
  getApiToken(projectId: string, tokenId: string): Promise<ApiToken | undefined>;
  /** AP-94: marks a token of the project revoked; returns it, or undefined when it is not the project's. */
  revokeApiToken(projectId: string, tokenId: string, by: string, at: Date): Promise<ApiToken | undefined>;
  /** AP-95: moves `lastUsedAt` unless it moved less than a minute ago (at most one write a minute). */
  touchApiToken(secret: string, at: Date): Promise<void>;
}

/** A stored response to a POST with an `Idempotency-Key`. */
export interface IdempotentResponse {
  status: number;
  body: string;
}

/** One idempotency key: the request it was first used with and, once answered, the response. */
export interface IdempotencyRecord {
  requestDigest: string;
  response?: IdempotentResponse;
}

/** Idempotency keys of the external API, per principal, kept 24 hours (TTL). */
export interface IdempotencyStore {
  /** AP-96: claims a key until `expiresAt`; returns the live record instead when the key is taken. */
  claim(
    scope: string,
    key: string,
    requestDigest: string,
    window: { now: Date; expiresAt: Date },
  ): Promise<IdempotencyRecord | undefined>;
  /** AP-97: stores the response of a claimed key. */
  complete(scope: string, key: string, response: IdempotentResponse): Promise<void>;
  /** AP-98: gives a key up (the request failed in a way worth retrying). */
  release(scope: string, key: string): Promise<void>;
}

/** One Asana webhook as Asana lists it. */
export interface AsanaWebhook {
  gid: string;
  resourceGid: string;
  target: string;
  active: boolean;
}

/** Asana's webhooks endpoints ("Set up Asana webhooks"); creating one runs the X-Hook-Secret handshake. */
export interface AsanaWebhooks {
  /** The webhooks of a workspace on one resource (an Asana project). */
  listWebhooks(workspaceGid: string, resourceGid: string): Promise<AsanaWebhook[]>;
  /** Asks Asana to create a webhook; Asana calls `target` with X-Hook-Secret before answering. */
  createWebhook(resourceGid: string, target: string): Promise<AsanaWebhook>;
  deleteWebhook(gid: string): Promise<void>;
}

/** One GitHub repository webhook as GitHub lists it. */
export interface RepoHook {
  id: number;
  url: string;
  contentType: string;
  events: string[];
  active: boolean;
}

/** A repository's webhooks ("Validate GitHub webhooks"); needs a token with admin:repo_hook. */
export interface RepoHooks {
  listHooks(repo: string): Promise<RepoHook[]>;
  createHook(repo: string, hook: { url: string; secret: string; events: string[] }): Promise<RepoHook>;
}

/** The Asana webhook Auto-Flow set up for one Asana project of an Auto-Flow project. */
export interface StoredAsanaWebhook {
  asanaProjectGid: string;
  webhookGid: string;
  target: string;
  createdAt: string;
}

/** Asana webhooks Auto-Flow set up, one per Asana project. */
export interface AsanaWebhookRegistry {
  /** AP-100: the project's Asana webhooks. */
  listAsanaWebhooks(projectId: string): Promise<StoredAsanaWebhook[]>;
  /** AP-101: records (or replaces) the webhook of one Asana project. */
  putAsanaWebhook(projectId: string, webhook: StoredAsanaWebhook): Promise<void>;
}

/** What the webhooks page's actions need: per-project clients, the GitHub secret, the handshake window. */
export interface WebhookAdmin {
  asanaWebhooks(projectId: string): Promise<AsanaWebhooks>;
  repoHooks(projectId: string): Promise<RepoHooks>;
  /** The project's GitHub webhook secret (to configure a hook Auto-Flow creates), if set. */
  githubWebhookSecret(projectId: string): Promise<string | undefined>;
  handshakes: HandshakeStore;
  registry: AsanaWebhookRegistry;
}
