import type { ChaosConfig } from './fault-schemas.js';

/** Everything the sandbox knows, as plain JSON so it can be persisted and inspected. */

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  /** Issues and pull requests share one number sequence per repo, as on GitHub. */
  nextNumber: number;
  createdAt: string;
}

export type IssueStateReason = 'completed' | 'not_planned' | 'reopened' | null;

export interface IssueRecord {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: IssueStateReason;
  labels: string[];
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface PullRecord {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  user: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CommentRecord {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
}

export interface HookRecord {
  id: number;
  repo: string;
  url: string;
  secret: string | null;
  contentType: 'json' | 'form';
  events: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastResponse: { code: number | null; status: string; message: string | null };
}

export interface RunRecord {
  id: number;
  repo: string;
  name: string;
  workflowId: number;
  runNumber: number;
  headSha: string;
  headBranch: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  /** What started it: `push` (merge CI) unless told otherwise, `workflow_dispatch` for a dispatch. */
  event?: string;
  /** A dispatch's inputs, as sent. */
  inputs?: Record<string, unknown>;
  /** Set when someone approved it out of `action_required`. */
  approvedAt?: string;
}

export interface EnumOptionRecord {
  gid: string;
  name: string;
  enabled: boolean;
  color: string;
}

export interface CustomFieldRecord {
  gid: string;
  name: string;
  options: EnumOptionRecord[];
}

export interface ProjectRecord {
  gid: string;
  name: string;
  fields: { autoTask: string; repo: string; status: string };
  createdAt: string;
}

export interface TaskRecord {
  gid: string;
  projectGid: string;
  name: string;
  notes: string;
  completed: boolean;
  completedAt: string | null;
  createdAt: string;
  modifiedAt: string;
  /** Custom field gid → enum option gid (null when unset). */
  fields: Record<string, string | null>;
}

export interface StoryRecord {
  gid: string;
  taskGid: string;
  type: 'comment' | 'system';
  subtype: string;
  text: string;
  createdBy: 'bot' | 'human';
  createdAt: string;
}

export interface WebhookFilter {
  resource_type?: string;
  resource_subtype?: string;
  action?: string;
  fields?: string[];
}

export interface AsanaWebhookRecord {
  gid: string;
  resourceGid: string;
  resourceType: 'project' | 'task';
  target: string;
  secret: string;
  filters: WebhookFilter[];
  active: boolean;
  createdAt: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailureContent: string;
  /** Deliveries that failed in a row (Asana deletes a webhook that keeps failing). */
  consecutiveFailures?: number;
}

/** What the simulated agent and CI do for a task or issue. */
export interface AgentScript {
  agent: 'pr' | 'none';
  ci: CiConclusion | Record<string, CiConclusion>;
  workflows?: string[];
  /** Merge the PR once opened (default true). */
  merge?: boolean;
  /** Base branch of the PR (default: the repo's default branch). */
  base?: string;
}
export type CiConclusion = 'success' | 'failure' | 'action_required';

export interface JobRecord {
  id: string;
  /** Epoch ms when the job is due. */
  at: number;
  kind: 'agent.open_pr' | 'agent.merge_pr' | 'ci.progress' | 'ci.complete';
  payload: { repo: string; number?: number; runId?: number; conclusion?: CiConclusion };
}

export interface DeliveryRecord {
  id: string;
  /** X-GitHub-Delivery for GitHub; a generated id for Asana (stable across retries). */
  deliveryId: string;
  service: 'github' | 'asana';
  /** `pull_request.opened`, `workflow_run.completed`, `asana.events`, `asana.heartbeat`, `asana.handshake`. */
  event: string;
  hookId: string;
  target: string;
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  at: string;
  durationMs: number;
  /** Which copy of a duplicated delivery (1 unless duplicated by fault injection). */
  copy?: number;
  /** A redelivery asked for through the GitHub API (or a retry after a failure). */
  redelivery?: boolean;
  /** The id GitHub's hook deliveries API shows for this attempt (GitHub only). */
  githubId?: number;
}

/** What a fault did: an API call failed or stalled, a delivery was lost, repeated, delayed or reordered. */
export type FaultKind =
  | 'api.error'
  | 'api.rate_limit'
  | 'api.secondary_rate_limit'
  | 'api.slow'
  | 'webhook.dropped'
  | 'webhook.duplicated'
  | 'webhook.delayed'
  | 'webhook.reordered'
  | 'webhook.deleted';

/** One injected fault, kept so a chaos report can count them. */
export interface InjectedFaultRecord {
  seq: number;
  at: string;
  service: 'github' | 'asana';
  kind: FaultKind;
  /** `rate`: drawn from the chaos config; `next`: a "next N calls" fault; `control`: a control call. */
  source: 'rate' | 'next' | 'control';
  method?: string;
  path?: string;
  status?: number;
  delayMs?: number;
  event?: string;
  hookId?: string;
  deliveryId?: string;
  /** Copies sent (duplication) or deliveries held in one window (reordering). */
  count?: number;
}

export interface FaultState {
  /** The chaos config in force (null: none); survives restarts with the state. */
  config: ChaosConfig | null;
  /** Every fault injected since the last reset, never truncated. */
  total: number;
  /** Counts by `${service}.${kind}`, e.g. `github.webhook.dropped`. */
  counts: Record<string, number>;
  /** The latest injected faults (older ones are dropped; the counts keep them). */
  log: InjectedFaultRecord[];
}

export interface CallCounts {
  total: number;
  byService: Record<string, number>;
  byRoute: Record<string, number>;
  byAsanaTask: Record<string, number>;
  byIssue: Record<string, number>;
}

export interface SandboxState {
  version: 1;
  seq: number;
  github: {
    repos: Record<string, RepoRecord>;
    issues: IssueRecord[];
    pulls: PullRecord[];
    comments: CommentRecord[];
    hooks: HookRecord[];
    runs: RunRecord[];
  };
  asana: {
    workspaceGid: string;
    projects: Record<string, ProjectRecord>;
    customFields: Record<string, CustomFieldRecord>;
    tasks: Record<string, TaskRecord>;
    stories: StoryRecord[];
    webhooks: AsanaWebhookRecord[];
  };
  scripts: { tasks: Record<string, AgentScript>; issues: Record<string, AgentScript> };
  jobs: JobRecord[];
  deliveries: DeliveryRecord[];
  calls: CallCounts;
  faults: FaultState;
}

/** A fresh, empty state. */
export function createEmptyState(): SandboxState {
  return {
    version: 1,
    seq: 1,
    github: { repos: {}, issues: [], pulls: [], comments: [], hooks: [], runs: [] },
    asana: {
      workspaceGid: '1200000000000001',
      projects: {},
      customFields: {},
      tasks: {},
      stories: [],
      webhooks: [],
    },
    scripts: { tasks: {}, issues: {} },
    jobs: [],
    deliveries: [],
    calls: { total: 0, byService: {}, byRoute: {}, byAsanaTask: {}, byIssue: {} },
    faults: { config: null, total: 0, counts: {}, log: [] },
  };
}
