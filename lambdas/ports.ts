import type { Action, EffectResult } from '#core/actions.js';
import type { Approval } from '#core/approval/approval.js';
import type { AnalyticsDay } from '#core/analytics/aggregate.js';
import type { TaskProgress } from '#core/analytics/progress.js';
import type { JobsHealth } from '#core/analytics/schemas.js';
import type { AuditEntry, AuditInput } from '#core/audit/entry.js';
import type { CapabilityClaims } from '#core/capability/claims.js';
import type { PolicyDecision } from '#core/policy/decision.js';
import type { ActivePolicySet, PolicyProblem, PolicySetVersion } from '#core/policy/policy-set.js';
import type { PolicyRequest } from '#core/policy/request.js';
import type { AsanaTaskRecord, DomainEvent, IngestMessage, InboundEvent } from '#core/events.js';
import type { IntegrationHealth } from '#core/integration-health.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { TaskRef } from '#core/refs.js';
import type { Task, TaskStatus } from '#core/task.js';
import type { BudgetIncrement } from '#core/policy/budget.js';
import type { Budgets } from '#core/policy/request.js';
import type { BuiltInSwitch } from '#core/triggers/registry.js';
import type { TriggerVersion, UserTrigger } from '#core/triggers/trigger.js';
import type { TriggerSet } from '#core/triggers/trigger-set.js';
import type { TimelineEntry } from '#core/timeline.js';
import type { KillSwitchState } from '#core/kill-switch.js';

type PullRequestEvent = Extract<InboundEvent, { type: 'github.pull_request' }>;
type WorkflowRunEvent = Extract<InboundEvent, { type: 'github.workflow_run' }>;

/** Structured logging at the edge (Powertools Logger satisfies it). */
export interface Logger {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** The time, injected so the core never reads the clock. */
export interface Clock {
  now(): Date;
}

/** Identifiers, injected so the core never draws randomness. */
export interface Ids {
  /** A new time-sortable id (ULID, 26 chars). */
  newId(): string;
}

/** A page of results with an opaque cursor for the next page. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Projects and their configuration. */
export interface ProjectStore {
  /** AP-01: project by id. */
  getProject(projectId: string): Promise<ProjectConfig | undefined>;
  /** AP-02: project by slug. */
  getProjectBySlug(slug: string): Promise<ProjectConfig | undefined>;
  /** AP-03: all projects. */
  listProjects(): Promise<ProjectConfig[]>;
  /** Creates a project; throws ReferenceConflictError when the id or slug is taken. */
  createProject(project: ProjectConfig): Promise<void>;
  /**
   * Changes a project's configuration: `change` gets the current one and returns the next (the slug
   * stays); a concurrent change makes it run again on the newer one, so no change is lost. NotFoundError
   * when the project is missing; whatever `change` throws is passed on, nothing saved.
   */
  changeProject(projectId: string, change: (current: ProjectConfig) => ProjectConfig): Promise<ProjectConfig>;
}

/** Tasks, their reference items, timeline and parked events. */
export interface TaskStore {
  /** AP-04: task by id. */
  getTask(projectId: string, taskId: string): Promise<Task | undefined>;
  /** AP-05..08: task id by Asana gid / issue / PR / merge SHA. */
  findTaskId(projectId: string, ref: TaskRef): Promise<string | undefined>;
  /** Creates a task (version 0); throws VersionConflictError when it already exists. */
  createTask(task: Task): Promise<void>;
  /** Saves a task when its stored version is `expectedVersion`; throws VersionConflictError otherwise. */
  saveTask(task: Task, expectedVersion: number): Promise<void>;
  /** Writes a reference item; no-op when it already points at this task, ReferenceConflictError when at another. */
  putRef(projectId: string, ref: TaskRef, taskId: string): Promise<void>;
  /** Appends timeline entries (idempotent per entry id). */
  appendTimeline(projectId: string, taskId: string, entries: TimelineEntry[]): Promise<void>;
  /** AP-09: timeline of a task, oldest first. */
  listTimeline(projectId: string, taskId: string): Promise<TimelineEntry[]>;
  /** AP-10: tasks of a project with a status, newest first. */
  listTasksByStatus(
    projectId: string,
    status: TaskStatus,
    options: { limit: number; cursor?: string },
  ): Promise<Page<Task>>;
  /** AP-11: all tasks of a project, newest first. */
  listTasks(projectId: string, options: { limit: number; cursor?: string }): Promise<Page<Task>>;
  /** Keeps an event whose task cannot be found yet, under the ref that will find it. */
  parkEvent(projectId: string, ref: TaskRef, event: DomainEvent, parkedAt: string): Promise<void>;
  /** AP-12: events parked under a ref (oldest first). */
  listParkedEvents(projectId: string, ref: TaskRef): Promise<{ id: string; event: DomainEvent }[]>;
  /** Removes one parked event once applied. */
  deleteParkedEvent(projectId: string, ref: TaskRef, id: string): Promise<void>;
  /** AP-160: marks a task for Repair (an effect failed and waits to be retried), or refreshes `at`. */
  markForRepair(projectId: string, taskId: string, status: TaskStatus, at: string): Promise<void>;
  /** AP-161: the tasks marked for Repair (at most `limit`). */
  listRepairMarks(
    projectId: string,
    limit: number,
  ): Promise<{ taskId: string; status: TaskStatus; at: string }[]>;
  /** AP-162: removes a task's mark (no effect waits any more). */
  clearRepairMark(projectId: string, taskId: string): Promise<void>;
  /** AP-163: notes that the reconciler checked the task and found nothing to change (version unchanged). */
  markChecked(projectId: string, taskId: string, at: string): Promise<void>;
}

/** Deliveries seen by the receivers, for dedupe (≥ 3 days). */
export interface DeliveryLog {
  /** Records a delivery; false when it was already recorded (a duplicate). */
  recordDelivery(projectId: string, deliveryId: string, receivedAt: Date): Promise<boolean>;
  /** Forgets a delivery that could not be enqueued, so the sender's retry is accepted. */
  forgetDelivery(projectId: string, deliveryId: string): Promise<void>;
}

/** The kill switch: global and per project. */
export interface KillSwitchStore {
  /** AP-13: is any effect forbidden for this project right now? */
  isKilled(projectId: string): Promise<KillSwitchState>;
  setKillSwitch(scope: { projectId?: string }, on: boolean, by: string, at: Date): Promise<void>;
}

/** The ingest queue between receivers and the worker. */
export interface IngestQueue {
  /** Enqueues a delivery; `delaySeconds` (≤ 900, SQS's limit) keeps it invisible that long first. */
  send(message: IngestMessage, options?: { delaySeconds?: number }): Promise<void>;
}

/** Starts action workflows; a repeat start of the same action id does nothing. */
export interface ActionWorkflows {
  /**
   * Starts the action's current run, named by `executionNameOf(action)`; starting a name that exists
   * (running or finished) does nothing.
   */
  start(action: Action): Promise<void>;
}

/** Webhook secrets per project (receivers read them; the Asana handshake writes one). */
export interface WebhookSecrets {
  get(projectId: string): Promise<{ github?: string; asana?: string }>;
  putAsana(projectId: string, secret: string): Promise<void>;
}

/** Integration tokens per project (only Execute and the worker's Asana read use them). */
export interface IntegrationTokens {
  get(projectId: string): Promise<{ github?: string; asana?: string }>;
}

/** Pending Asana webhook handshakes: an X-Hook-Secret is accepted only while one is open. */
export interface HandshakeStore {
  open(projectId: string, expiresAt: Date): Promise<void>;
  /** Consumes the open handshake; false when none is open (or it expired). */
  consume(projectId: string, now: Date): Promise<boolean>;
}

/** GitHub issues as Auto-Flow uses them. */
export interface IssueTracker {
  createIssue(input: {
    repo: string;
    title: string;
    body: string;
    labels: string[];
  }): Promise<{ number: number; url: string }>;
  /** Finds an issue Auto-Flow created earlier, by the hidden marker in its body (for safe retries). */
  findIssueByMarker(repo: string, marker: string): Promise<{ number: number; url: string } | undefined>;
  /**
   * Comments on an issue at most once per `once.key`: the comment carries a hidden marker of the key,
   * and one already there (posted since `once.since` by an attempt whose answer was lost) counts as done.
   */
  comment(repo: string, issueNumber: number, body: string, once: OnceOptions): Promise<void>;
  setLabels(repo: string, issueNumber: number, change: { add: string[]; remove: string[] }): Promise<void>;
  closeIssue(repo: string, issueNumber: number, reason: 'not_planned' | 'completed'): Promise<void>;
}

/** What makes a comment happen once: the action's id, and when the action was created. */
export interface OnceOptions {
  key: string;
  since: string;
}

/** Asana tasks as Auto-Flow uses them. */
export interface WorkTracker {
  getTask(gid: string): Promise<AsanaTaskRecord | undefined>;
  /** One page (≤ 100) of the gids of a project's tasks modified since `since` (ISO time). */
  listModifiedTasks(
    projectGid: string,
    since: string,
    page?: string,
  ): Promise<{ gids: string[]; nextPage?: string }>;
  completeTask(gid: string): Promise<void>;
  reopenTask(gid: string): Promise<void>;
  /**
   * Comments on a task unless a comment with the same text was posted since `once.since` (an attempt
   * whose answer was lost): Asana stories cannot carry a hidden marker. `once.key` is not sent.
   */
  comment(gid: string, text: string, once: OnceOptions): Promise<void>;
  /** `GET /users/me`: 'invalid' when Asana refuses the token (401/403); throws when Asana cannot be reached. */
  checkToken(): Promise<'ok' | 'invalid'>;
}

/** GitHub read back as the truth, for the reconciler: PRs and CI runs as webhook-shaped events. */
export interface ChangeReader {
  /**
   * Pull requests of a repo (open and closed) created at or after `since` (ISO time), newest first,
   * paging back as far as needed (bounded: a few thousand PRs).
   */
  listPullRequestsSince(repo: string, since: string): Promise<PullRequestEvent[]>;
  getPullRequest(repo: string, number: number): Promise<PullRequestEvent | undefined>;
  /** Workflow runs on a commit. */
  listWorkflowRuns(repo: string, headSha: string): Promise<WorkflowRunEvent[]>;
  /** The repo's webhooks that deliver to `url`. */
  findHooks(repo: string, url: string): Promise<{ id: number }[]>;
  /** A hook's recent delivery attempts, newest first (GitHub keeps them for 3 days). */
  listHookDeliveries(repo: string, hookId: number, limit: number): Promise<HookDelivery[]>;
  /** Asks GitHub to send a delivery again (same X-GitHub-Delivery guid). */
  redeliver(repo: string, hookId: number, deliveryId: number): Promise<void>;
  /** `GET /user`: 'invalid' when GitHub refuses the token (401/403); throws when GitHub cannot be reached. */
  checkToken(): Promise<'ok' | 'invalid'>;
}

/** One attempt of a GitHub webhook delivery. */
export interface HookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  /** HTTP status our side answered; 0 when the attempt got no answer (timeout, connection refused). */
  statusCode: number;
  event: string;
}

/** GitHub Actions as user triggers drive it: dispatch a workflow, let a waiting run proceed. */
export interface WorkflowRuns {
  /** Starts a `workflow_dispatch` run of `workflow` (file name or id) on `ref`. */
  dispatch(input: {
    repo: string;
    workflow: string;
    ref: string;
    inputs: Record<string, string | number | boolean>;
  }): Promise<void>;
  /** Approves a run waiting in `action_required` (a fork or first-time contributor's PR). */
  approveRun(repo: string, runId: number): Promise<void>;
}

/** Builds per-project integration clients from the project's tokens. */
export interface Integrations {
  issueTracker(projectId: string): Promise<IssueTracker>;
  workTracker(projectId: string): Promise<WorkTracker>;
  changeReader(projectId: string): Promise<ChangeReader>;
  workflowRuns(projectId: string): Promise<WorkflowRuns>;
}

/** Outbound JSON webhooks (http.post, notify): one POST, with a timeout, to a vetted address. */
export interface OutboundWebhooks {
  /** POSTs `body` (already serialised) with `headers`; returns the status. Throws integration errors. */
  post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }>;
}

/** One write-only secret per user trigger (HMAC key, Slack webhook URL or Telegram bot token). */
export interface TriggerSecrets {
  /** The secret; undefined when none is set. Only Execute reads it. */
  get(projectId: string, triggerId: string): Promise<string | undefined>;
  /** Sets (or replaces) the secret. */
  put(projectId: string, triggerId: string, secret: string): Promise<void>;
  /** Whether a secret is set (never the value). */
  has(projectId: string, triggerId: string): Promise<boolean>;
}

/** A message that failed 3 receives and waits in the dead-letter queue. */
export interface DeadLetter {
  messageId: string;
  receiveCount: number;
  sentAt: string;
  /** What it was: source, event type, project, delivery id (never the payload). */
  summary: string;
}

/** The ingest queue's dead letters: inspect, and move back to the queue. */
export interface DeadLetterQueue {
  /** Up to `limit` dead letters (on SQS a peek: approximate, as SQS is). */
  list(limit: number): Promise<DeadLetter[]>;
  /** Moves the given dead letters (all when omitted) back to the queue; returns how many moved. */
  redrive(messageIds?: string[]): Promise<number>;
}

/** Named high-water marks (the reconciler's "backfilled up to" time per project). */
export interface CursorStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

/** Each project's integration health as the reconciler last recorded it. */
export interface IntegrationHealthStore {
  /** AP-150: one project's health record. */
  getHealth(projectId: string): Promise<IntegrationHealth | undefined>;
  /** AP-151: every project's health record (one query; `/readyz` and the projects list). */
  listHealth(): Promise<IntegrationHealth[]>;
  /** AP-152: replaces a project's health record. */
  putHealth(health: IntegrationHealth): Promise<void>;
}

/** A one-run-per-window lease (the scheduler may retry or run late; overlapping runs must be harmless). */
export interface LeaseStore {
  /** Takes the lease for `window`; false when someone already holds it. */
  acquire(name: string, window: string, expiresAt: Date): Promise<boolean>;
}

/** Performs one effect; used by the Execute step. */
export type EffectRunner = (action: Action) => Promise<EffectResult>;

/** Answers Cedar's question for one effect: deny, allow, or allow after N approvals. */
export interface PolicyDecisionPoint {
  evaluate(request: PolicyRequest): Promise<PolicyDecision>;
}

/** The policy set in force for a project: its latest saved version, or the shipped default. */
export interface PolicySource {
  activePolicySet(projectId: string): Promise<ActivePolicySet>;
}

/** Checks Cedar text against the schema; problems carry Cedar's message and the line. */
export interface PolicyValidator {
  validate(text: string): PolicyProblem[];
}

/** Versioned policy sets per project. */
export interface PolicyStore {
  /** AP-29: the latest version of a project's policy set. */
  latestPolicySet(projectId: string): Promise<PolicySetVersion | undefined>;
  /** AP-30: every version, newest first. */
  listPolicySets(projectId: string): Promise<PolicySetVersion[]>;
  /** Stores a new version; VersionConflictError when that version number is taken. */
  putPolicySet(version: PolicySetVersion): Promise<void>;
}

/** The append-only, hash-chained audit log (one chain per project). */
export interface AuditLog {
  /** Appends an entry at the head of its chain (retrying when a concurrent append wins). */
  append(input: AuditInput): Promise<AuditEntry>;
  /** AP-33: a whole chain in sequence order. */
  listChain(chain: string): Promise<AuditEntry[]>;
}

/** Human approvals of actions. */
export interface ApprovalStore {
  /** AP-31: one approval. */
  getApproval(projectId: string, approvalId: string): Promise<Approval | undefined>;
  /** Creates an approval (version 0); false when it already exists. */
  createApproval(approval: Approval): Promise<boolean>;
  /** Saves an approval when its stored version is `expectedVersion`; VersionConflictError otherwise. */
  saveApproval(approval: Approval, expectedVersion: number): Promise<void>;
  /** AP-32: pending approvals of a project, escalated first, then oldest first. */
  listPendingApprovals(projectId: string): Promise<Approval[]>;
  /** AP-99: every approval of a project, newest request first. */
  listApprovals(projectId: string): Promise<Approval[]>;
}

/** Answers a workflow waiting on a task token (SendTaskSuccess / SendTaskFailure). */
export interface TaskTokens {
  /** Throws TaskTokenClosedError when the wait is over (timed out, or the execution ended). */
  succeed(token: string, output: unknown): Promise<void>;
  fail(token: string, error: string, cause: string): Promise<void>;
}

/** Signs with the current capability-signing key (ECDSA P-256, SHA-256). */
export interface Signer {
  /** The signing key's id and the DER-encoded ECDSA-SHA-256 signature of `message`. */
  sign(message: Uint8Array): Promise<{ keyId: string; signature: Uint8Array }>;
}

/** Public keys of signing keys, current and retired, by key id. */
export interface PublicKeys {
  /** The SPKI (DER) public key of a key id; undefined when the id is not a known signing key. */
  publicKey(keyId: string): Promise<Uint8Array | undefined>;
}

/** Mints and verifies capability tokens (ES256 JWTs). */
export interface CapabilityTokens {
  mint(claims: CapabilityClaims): Promise<string>;
  /** Checks form, algorithm and signature against the known keys; CapabilityRefusedError otherwise. */
  verify(token: string): Promise<CapabilityClaims>;
}

/** Single use of capability tokens. */
export interface UsedTokens {
  /** AP-34: records a token id; false when it was recorded before (a replay). */
  markUsed(jti: string, expiresAt: Date): Promise<boolean>;
}

/** Tells people something needs them (escalations); the console engineer adds channels. */
export interface Notifier {
  notify(message: { projectId: string; subject: string; text: string }): Promise<void>;
}

/** Pre-aggregated analytics of a project: written as transitions are applied, read without a scan. */
export interface AnalyticsStore {
  /** Adds one applied transition: status counts moved, each funnel stage counted once per task. */
  recordProgress(progress: TaskProgress): Promise<void>;
  /** AP-110: tasks of a project by status (one item). */
  statusCounts(projectId: string): Promise<Partial<Record<TaskStatus, number>>>;
  /** AP-111: the project's analytics days from `from` to `to` (UTC days, inclusive), oldest first. */
  listDays(projectId: string, range: { from: string; to: string }): Promise<AnalyticsDay[]>;
  /** Rebuilds the status counts from the tasks themselves (heals drift after a crash between writes). */
  recountStatuses(projectId: string): Promise<Partial<Record<TaskStatus, number>>>;
}

/** The ingest queue's health: depth, in-flight messages, oldest message age and DLQ depth. */
export interface JobQueueHealth {
  health(): Promise<JobsHealth>;
}

/** The enabled triggers of a project, as `decide` consults them. */
export interface TriggerSource {
  activeTriggers(projectId: string): Promise<TriggerSet>;
}

/** The trigger registry: versioned user triggers and the built-ins' switches. */
export interface TriggerStore extends TriggerSource {
  /** AP-120: the user triggers of a project (active versions). */
  listTriggers(projectId: string): Promise<UserTrigger[]>;
  /** AP-121: one user trigger (active version). */
  getTrigger(projectId: string, triggerId: string): Promise<UserTrigger | undefined>;
  /** AP-122: every saved version of a trigger, newest first. */
  listTriggerVersions(projectId: string, triggerId: string): Promise<TriggerVersion[]>;
  /**
   * AP-123: stores a new immutable version and makes it active. `expectedVersion` is the active
   * version the caller saw (undefined: the trigger must not exist yet); VersionConflictError otherwise.
   */
  saveTriggerVersion(
    version: TriggerVersion,
    expectedVersion: number | undefined,
    enabled: boolean,
  ): Promise<void>;
  /** AP-124: switches a user trigger on or off; NotFoundError when it does not exist. */
  setTriggerEnabled(
    projectId: string,
    triggerId: string,
    enabled: boolean,
    by: string,
    at: string,
  ): Promise<void>;
  /** AP-125: the stored switches of the built-ins. */
  listBuiltInSwitches(projectId: string): Promise<BuiltInSwitch[]>;
  /** AP-126: switches a built-in on or off. */
  setBuiltInEnabled(
    projectId: string,
    triggerId: string,
    enabled: boolean,
    by: string,
    at: string,
  ): Promise<void>;
}

/** Per project, per UTC day counters that policies can cap. */
export interface BudgetStore {
  /** AP-127: the counters of a day (zeros when nothing was counted). */
  budgets(projectId: string, day: string): Promise<Budgets>;
  /** AP-128: adds one effect's counts once: keyed on the action id, a retry adds nothing (false). */
  countEffect(projectId: string, day: string, actionId: string, increment: BudgetIncrement): Promise<boolean>;
}
