/** Response shapes of the console API (lambdas/api), as the SPA reads them. */

export type Role = 'viewer' | 'editor' | 'admin';

export const STATUSES = [
  'RECEIVED',
  'ISSUE_CREATED',
  'PR_CREATED',
  'WAITING_CI',
  'DEPLOYED',
  'FAILED',
  'NEEDS_REPO',
  'BLOCKED',
  'AUTO_DISABLED',
  'CANCELLED',
] as const;
export type TaskStatus = (typeof STATUSES)[number];

export interface PublicUser {
  userId: string;
  username: string;
  admin: boolean;
  createdAt: string;
}

export interface SessionInfo {
  initialised: boolean;
  user: PublicUser | null;
  csrfToken?: string;
}

export interface KillSwitch {
  global: boolean;
  project: boolean;
}

export interface Integration {
  ready: boolean;
  missing: string[];
}

export type TokenState = 'ok' | 'invalid' | 'missing' | 'unreachable';

/** A project's integration health as the reconciler last recorded it (`checkedAt: null`: not checked yet). */
export interface IntegrationHealth {
  checkedAt: string | null;
  github: TokenState | null;
  asana: TokenState | null;
  asanaWebhooks: {
    state: 'ok' | 'recreated' | 'missing';
    projectGids: string[];
    recreatedAt?: string;
  } | null;
  problems: string[];
  lastError: string | null;
}

export interface ProjectListItem {
  projectId: string;
  slug: string;
  name: string;
  role: Role;
  repos: string[];
  integration: Integration;
  health: IntegrationHealth;
  killSwitch: KillSwitch;
}

export interface ProjectSummary {
  projectId: string;
  slug: string;
  name: string;
  role: Role;
  repos: string[];
  defaultRepo: string | null;
  integration: Integration;
  killSwitch: KillSwitch;
}

export interface Link {
  number: number;
  url: string;
}

export interface TaskRow {
  taskId: string;
  title: string;
  status: TaskStatus;
  stage: TaskStatus;
  repo: string | null;
  asanaUrl: string | null;
  issue: Link | null;
  pr: Link | null;
  ci: { state: 'none' | 'running' | 'passed' | 'failed'; url: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface TaskDetail extends TaskRow {
  asanaGid: string;
  notes: string;
  autoTask: boolean;
  workState: string;
  asanaCompleted: boolean;
  repoOption: string | null;
  issueRepo: string | null;
  mergeSha: string | null;
  waitingReason: string | null;
  failureReason: string | null;
  specVersion: number;
  ciRuns: {
    workflow: string;
    runId: number;
    url: string;
    status: string;
    conclusion: string | null;
    occurredAt: string;
  }[];
  pending: { actionId: string; kind: string; createdAt: string; heldReason: string | null }[];
}

/** One TaskSpec version (the Asana title and notes the agent's issue is rendered from). */
export interface SpecVersion {
  version: number;
  title: string;
  notes: string;
  changed: ('title' | 'notes')[];
  truncated?: boolean;
  at: string;
  kind: string;
}

export interface TimelineEntry {
  at: string;
  source: 'asana' | 'github' | 'autoflow' | 'user';
  kind: string;
  message: string;
  from?: TaskStatus;
  to?: TaskStatus;
  links?: { label: string; url: string }[];
  ids?: Record<string, string>;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface MaskedSecret {
  set: boolean;
  masked: string | null;
}

export type WorkState = 'ACTIVE' | 'BLOCKED' | 'CANCELLED';

export interface Settings {
  projectId: string;
  slug: string;
  name: string;
  asana: {
    workspaceGid: string;
    projectGids: string[];
    fields: { autoTask: string; repo: string; status: string };
    statusMap: Record<string, WorkState>;
    repoMap: Record<string, string>;
  };
  github: {
    repos: string[];
    defaultRepo?: string;
    defaultBranches: Record<string, string>;
    ciWorkflows: string[];
    autoDisabledLabel: string;
    issueLabels: string[];
    agentCommand: string;
  };
  context: {
    links: { title: string; url: string }[];
    contacts: { name: string; role?: string; email?: string }[];
    notes: { title: string; body: string }[];
  };
  secrets: Record<'githubToken' | 'asanaToken' | 'githubWebhookSecret' | 'asanaWebhookSecret', MaskedSecret>;
  health: IntegrationHealth;
}

export interface EnumOption {
  gid: string;
  name: string;
  enabled: boolean;
}

export interface ImportProgress {
  projectId: string;
  jobId: string;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  since: string;
  status: 'running' | 'done';
  listed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  errors: string[];
  pendingCount: number;
  listing: boolean;
  applied: number;
}

export interface Member {
  userId: string;
  username: string;
  role: Role;
  addedAt: string;
}

export interface Invite {
  inviteId: string;
  projectId: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  usedBy?: string;
  state: 'valid' | 'used' | 'expired';
}

export interface WebhookHealth {
  totals: Partial<Record<'accepted' | 'duplicate' | 'ignored' | 'rejected_signature' | 'failed', number>>;
  lastDeliveryAt: string | null;
  lastOutcome: string | null;
  lastRejectedAt: string | null;
  lastFailureAt: string | null;
}

export interface AsanaWebhookInfo {
  asanaProjectGid: string;
  webhookGid: string;
  createdAt: string;
}

export interface WebhooksInfo {
  days: number;
  github: { url: string; secretSet: boolean; events: string[]; health: WebhookHealth };
  asana: { url: string; secretSet: boolean; webhooks: AsanaWebhookInfo[]; health: WebhookHealth };
  integrations: IntegrationHealth;
}

/** "Set up Asana webhooks": what happened per Asana project. */
export interface AsanaWebhookResult {
  asanaProjectGid: string;
  status: 'kept' | 'created' | 'failed';
  webhookGid?: string;
  reason?: string;
}

/** "Validate GitHub webhooks": the verdict per repository. */
export interface GitHubHookResult {
  repo: string;
  status: 'ok' | 'created' | 'misconfigured' | 'missing';
  hookId?: number;
  problems?: string[];
}

/** A custom field of an Asana project (Settings chooses the three fields from these). */
export interface AsanaField {
  gid: string;
  name: string;
  type: string;
  options: EnumOption[];
}

export interface AsanaOptions {
  autoTask: EnumOption[];
  repo: EnumOption[];
  status: EnumOption[];
  fields: AsanaField[];
}

/** A project API token as the console lists it (never its secret). */
export interface ApiTokenView {
  tokenId: string;
  name: string;
  role: Role;
  state: 'active' | 'revoked' | 'expired';
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Funnel stages, in order (the server's FunnelStage). */
export type FunnelStage = 'AUTOTASK' | 'ISSUE' | 'PR' | 'MERGE' | 'CI_SUCCESS' | 'DEPLOYED';

export interface AnalyticsSummary {
  byStatus: Record<string, number>;
  total: number;
  open: number;
}

export interface FunnelResponse {
  from: string;
  to: string;
  stages: { stage: FunnelStage; count: number }[];
}

export interface LeadTimeResponse {
  from: string;
  to: string;
  weeks: { week: string; count: number; p50Ms: number | null; p90Ms: number | null; exact: boolean }[];
}

export interface FailuresResponse {
  from: string;
  to: string;
  reasons: { reason: string; count: number }[];
}
