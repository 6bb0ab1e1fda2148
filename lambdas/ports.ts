import type { Action, EffectResult } from '#core/actions.js';
import type { AsanaTaskRecord, DomainEvent, IngestMessage } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { TaskRef } from '#core/refs.js';
import type { Task, TaskStatus } from '#core/task.js';
import type { TimelineEntry } from '#core/timeline.js';

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
  /** Replaces a project's configuration (slug unchanged). */
  updateProject(project: ProjectConfig): Promise<void>;
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
  isKilled(projectId: string): Promise<{ global: boolean; project: boolean }>;
  setKillSwitch(scope: { projectId?: string }, on: boolean, by: string, at: Date): Promise<void>;
}

/** The ingest queue between receivers and the worker. */
export interface IngestQueue {
  send(message: IngestMessage): Promise<void>;
}

/** Starts action workflows; a repeat start of the same action id does nothing. */
export interface ActionWorkflows {
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
  comment(repo: string, issueNumber: number, body: string): Promise<void>;
  setLabels(repo: string, issueNumber: number, change: { add: string[]; remove: string[] }): Promise<void>;
  closeIssue(repo: string, issueNumber: number, reason: 'not_planned' | 'completed'): Promise<void>;
}

/** Asana tasks as Auto-Flow uses them. */
export interface WorkTracker {
  getTask(gid: string): Promise<AsanaTaskRecord | undefined>;
  completeTask(gid: string): Promise<void>;
  reopenTask(gid: string): Promise<void>;
  comment(gid: string, text: string): Promise<void>;
}

/** Builds per-project integration clients from the project's tokens. */
export interface Integrations {
  issueTracker(projectId: string): Promise<IssueTracker>;
  workTracker(projectId: string): Promise<WorkTracker>;
}

/** Performs one effect; used by the Execute step. */
export type EffectRunner = (action: Action) => Promise<EffectResult>;
