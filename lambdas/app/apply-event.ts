import { isDeepStrictEqual } from 'node:util';
import type { Action } from '#core/actions.js';
import { isEmptyProgress, progressOf } from '#core/analytics/progress.js';
import { decide } from '#core/decide.js';
import { ReferenceConflictError, VersionConflictError } from '#core/errors.js';
import type { DomainEvent } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import { refsOf } from '#core/task-refs.js';
import type { TaskRef } from '#core/refs.js';
import { routeEvent } from '#core/route-event.js';
import type { Task } from '#core/task.js';
import type { TimelineEntry } from '#core/timeline.js';
import type {
  ActionWorkflows,
  AnalyticsStore,
  Clock,
  Ids,
  Logger,
  TaskStore,
  TriggerSource,
} from '#lambdas/ports.js';

/** Ports the apply-event use case needs. */
export interface ApplyEventDeps {
  tasks: TaskStore;
  workflows: ActionWorkflows;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Pre-aggregated analytics, counted here once per applied transition (absent: nothing counted). */
  analytics?: AnalyticsStore;
  /** The project's trigger registry. @default built-in defaults, no user triggers */
  triggers?: TriggerSource;
}

/** Where an event applies: a known task, or a lookup through references. */
export type EventTarget = { taskId: string } | { lookup: TaskRef[]; parkUnder?: TaskRef };

const MAX_CONFLICT_RETRIES = 8;
/** Delivery ids remembered per task; SQS redelivers within minutes, so a short window suffices. */
const RECENT_DELIVERIES = 20;
const MAX_PARKED_DEPTH = 4;

/**
 * Applies one domain event: finds the task, runs `decide`, saves it conditionally on its version
 * (re-reading on a lost race), writes new references, appends the timeline, starts the outbox, and
 * replays events parked under any reference that now resolves.
 */
export async function applyEvent(
  config: ProjectConfig,
  event: DomainEvent,
  target: EventTarget,
  deps: ApplyEventDeps,
  options: { deliveryId?: string; depth?: number } = {},
): Promise<Task | undefined> {
  const { deliveryId, depth = 0 } = options;
  const triggers = await deps.triggers?.activeTriggers(config.projectId);
  for (let attempt = 0; ; attempt++) {
    const { task: found, claimedTaskId } = await findTask(config.projectId, target, deps.tasks);
    // Idempotent by delivery id, atomically with the state change it caused (no extra read or write).
    if (deliveryId !== undefined && found?.recentDeliveries?.includes(deliveryId)) return found;
    if (found === undefined && 'lookup' in target && target.parkUnder) {
      await deps.tasks.parkEvent(config.projectId, target.parkUnder, event, deps.clock.now().toISOString());
      deps.logger.info('event parked until its task is known', { type: event.type, ref: target.parkUnder });
      return undefined;
    }
    const now = deps.clock.now().toISOString();
    const decision = decide(found, event, config, {
      now,
      taskId: claimedTaskId ?? deps.ids.newId(),
      ...(triggers ? { triggers } : {}),
    });
    if (decision.task === undefined || isDeepStrictEqual(decision.task, found)) {
      if (found) await startOutbox(found.outbox, deps);
      return found;
    }
    const next = deliveryId === undefined ? decision.task : withDelivery(decision.task, deliveryId);
    try {
      if (found === undefined) {
        // Claim the Asana reference before creating: of two racing first snapshots, one claims it and
        // the other finds the claimed task on its next attempt (no orphan task, no second issue).
        if (claimedTaskId === undefined)
          await deps.tasks.putRef(config.projectId, { kind: 'asana', gid: next.asanaGid }, next.taskId);
        await deps.tasks.createTask(next);
      } else await deps.tasks.saveTask(next, found.version);
    } catch (error) {
      const lostRace = error instanceof VersionConflictError || error instanceof ReferenceConflictError;
      if (lostRace && attempt < MAX_CONFLICT_RETRIES) continue;
      throw error;
    }
    const saved: Task = { ...next, version: found === undefined ? next.version : found.version + 1 };
    const newRefs = newReferences(found, saved);
    for (const ref of newRefs) await deps.tasks.putRef(config.projectId, ref, saved.taskId);
    if (decision.timeline.length > 0)
      await deps.tasks.appendTimeline(config.projectId, saved.taskId, decision.timeline);
    await countProgress(found, saved, decision.timeline, deps);
    await syncRepairMark(found, saved, deps);
    await startOutbox(saved.outbox, deps);
    if (depth < MAX_PARKED_DEPTH) {
      // Events are parked only under issue and merge-SHA references (see routeEvent).
      for (const ref of newRefs)
        if (ref.kind === 'issue' || ref.kind === 'sha')
          await replayParked(config, ref, saved.taskId, deps, depth + 1);
    }
    return saved;
  }
}

/**
 * The task an event applies to. A reference whose task item does not exist (yet) is a claim: a racing
 * creator, or one that crashed between claiming and creating; the caller creates under that id.
 */
async function findTask(
  projectId: string,
  target: EventTarget,
  tasks: TaskStore,
): Promise<{ task?: Task; claimedTaskId?: string }> {
  if ('taskId' in target) {
    const task = await tasks.getTask(projectId, target.taskId);
    return task ? { task } : {};
  }
  for (const ref of target.lookup) {
    const taskId = await tasks.findTaskId(projectId, ref);
    if (taskId === undefined) continue;
    const task = await tasks.getTask(projectId, taskId);
    return task ? { task } : ref.kind === 'asana' ? { claimedTaskId: taskId } : {};
  }
  return {};
}

/**
 * Counts the transition in the analytics. It runs once per conditional save that succeeded (stages are
 * also guarded by per-task markers); a failure here never fails the event: the recount heals the drift.
 */
async function countProgress(
  before: Task | undefined,
  after: Task,
  timeline: TimelineEntry[],
  deps: ApplyEventDeps,
): Promise<void> {
  if (!deps.analytics) return;
  const progress = progressOf(before, after, timeline);
  if (isEmptyProgress(progress)) return;
  try {
    await deps.analytics.recordProgress(progress);
  } catch (error) {
    deps.logger.warn('analytics not counted', { taskId: after.taskId, error: String(error) });
  }
}

/** Tasks holding a failed effect for retry are marked so FindStuck finds them, terminal or not. */
async function syncRepairMark(before: Task | undefined, after: Task, deps: ApplyEventDeps): Promise<void> {
  const waiting = (task: Task | undefined) => task?.outbox.some((a) => a.failures !== undefined) ?? false;
  if (waiting(after) && !waiting(before))
    await deps.tasks.markForRepair(
      after.projectId,
      after.taskId,
      after.status,
      deps.clock.now().toISOString(),
    );
  else if (!waiting(after) && waiting(before))
    await deps.tasks.clearRepairMark(after.projectId, after.taskId);
}

function withDelivery(task: Task, deliveryId: string): Task {
  return {
    ...task,
    recentDeliveries: [...(task.recentDeliveries ?? []), deliveryId].slice(-RECENT_DELIVERIES),
  };
}

function newReferences(before: Task | undefined, after: Task): TaskRef[] {
  const known = new Set((before ? refsOf(before) : []).map((r) => JSON.stringify(r)));
  return refsOf(after).filter((r) => !known.has(JSON.stringify(r)));
}

/** Starts every action still in the outbox and not held; a repeat start of the same id does nothing. */
async function startOutbox(outbox: Action[], deps: ApplyEventDeps): Promise<void> {
  for (const action of outbox) if (!action.heldReason) await deps.workflows.start(action);
}

async function replayParked(
  config: ProjectConfig,
  ref: TaskRef,
  taskId: string,
  deps: ApplyEventDeps,
  depth: number,
) {
  const parked = await deps.tasks.listParkedEvents(config.projectId, ref);
  for (const { id, event } of parked) {
    await applyEvent(config, event, { taskId }, deps, { depth });
    await deps.tasks.deleteParkedEvent(config.projectId, ref, id);
  }
}

/** Builds the target of an event: effect outcomes name their task; inbound events are routed by reference. */
export function targetOf(event: DomainEvent): EventTarget {
  switch (event.type) {
    case 'asana.task_snapshot':
      return { lookup: [{ kind: 'asana', gid: event.task.gid }] };
    case 'asana.task_deleted':
      return { lookup: [{ kind: 'asana', gid: event.asanaGid }] };
    case 'github.pull_request':
    case 'github.workflow_run':
    case 'github.issue': {
      const { candidates, parkUnder } = routeEvent(event);
      return { lookup: candidates, ...(parkUnder ? { parkUnder } : {}) };
    }
    default:
      throw new Error(`event ${event.type} names its task; use { taskId }`);
  }
}
