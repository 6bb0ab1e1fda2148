import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PutCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ReferenceConflictError, ValidationError, VersionConflictError } from '#core/errors.js';
import { DomainEventSchema } from '#core/events.js';
import type { DomainEvent } from '#core/events.js';
import type { TaskRef } from '#core/refs.js';
import { TaskSchema, TaskStatusSchema } from '#core/task.js';
import type { Task, TaskStatus } from '#core/task.js';
import { TimelineEntrySchema } from '#core/timeline.js';
import type { TimelineEntry } from '#core/timeline.js';
import type { Page, TaskStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { digestOf } from './digest.js';
import { epochSeconds, parseInput, parseItem, toItem, withoutUndefined } from './items.js';
import * as keys from './keys.js';
import { checkLimit, decodeCursor, encodeCursor, queryAll } from './paging.js';
import type { CursorShape } from './paging.js';
import { MAIN_TABLE, PARKED_EVENT_TTL_SECONDS } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

const RefItemSchema = z.object({ taskId: z.string() });
const ParkedItemSchema = z.object({ id: z.string(), parkedAt: z.string(), event: DomainEventSchema });
const RepairMarkSchema = z.object({ taskId: z.string(), status: TaskStatusSchema, at: z.string() });
const taskSortKey = { prefix: keys.TASK_PREFIX };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const MAX_CACHED_REFS = 10_000;

/**
 * Tasks, reference items, timelines and parked events in the main table.
 * The store owns `version`: createTask writes 0 and saveTask writes expectedVersion + 1,
 * whatever the passed task carries; that is the version getTask reads back.
 */
export class DynamoDBTaskStore implements TaskStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;
  /** References never change once written (attribute_not_exists), so a found one can be remembered. */
  readonly #refs = new Map<string, string>();

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  #rememberRef(projectId: string, ref: TaskRef, taskId: string): void {
    if (this.#refs.size >= MAX_CACHED_REFS) this.#refs.delete(this.#refs.keys().next().value as string);
    this.#refs.set(`${projectId}|${keys.refId(ref)}`, taskId);
  }

  /** AP-04: task by id. */
  async getTask(projectId: string, taskId: string): Promise<Task | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: keys.taskKey(projectId, taskId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(TaskSchema, Item, 'task');
  }

  /** AP-05..08: task id by Asana gid / issue / PR / merge SHA. */
  async findTaskId(projectId: string, ref: TaskRef): Promise<string | undefined> {
    const cached = this.#refs.get(`${projectId}|${keys.refId(ref)}`);
    if (cached !== undefined) return cached;
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.refKey(projectId, ref), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const { taskId } = parseItem(RefItemSchema, Item, 'reference');
    this.#rememberRef(projectId, ref, taskId);
    return taskId;
  }

  /** AP-16: creates a task at version 0; VersionConflictError when it already exists. */
  async createTask(task: Task): Promise<void> {
    await this.#putTask(
      { ...task, version: 0 },
      { ConditionExpression: 'attribute_not_exists(pk)' },
      `task ${task.taskId} already exists`,
    );
  }

  /** AP-17: saves a task at expectedVersion + 1 when its stored version is expectedVersion; VersionConflictError otherwise. */
  async saveTask(task: Task, expectedVersion: number): Promise<void> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new ValidationError('invalid expectedVersion', [
        { path: 'expectedVersion', message: 'must be a non-negative integer' },
      ]);
    }
    await this.#putTask(
      { ...task, version: expectedVersion + 1 },
      {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
      `task ${task.taskId} is not at version ${expectedVersion}`,
    );
  }

  /** AP-18: writes a reference item; no-op when it already points at this task, ReferenceConflictError when at another. */
  async putRef(projectId: string, ref: TaskRef, taskId: string): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...keys.refKey(projectId, ref), entity: 'TaskRef', ref, taskId },
          ConditionExpression: 'attribute_not_exists(pk) OR taskId = :taskId',
          ExpressionAttributeValues: { ':taskId': taskId },
        }),
      );
      this.#rememberRef(projectId, ref, taskId);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new ReferenceConflictError(`${keys.refId(ref)} already points at another task`, { cause: error });
    }
  }

  /** AP-19: appends timeline entries; an entry already stored (same at, position and content) is a no-op. */
  async appendTimeline(projectId: string, taskId: string, entries: TimelineEntry[]): Promise<void> {
    const items = entries
      .map((entry) => parseInput(TimelineEntrySchema, entry, 'timeline entry'))
      .map((entry, position) => {
        const key = keys.timelineEntryKey(projectId, taskId, entry.at, position, digestOf(entry, 16));
        return toItem(entry, { ...key, entity: 'TimelineEntry' });
      });
    // Keys are derived from the content, so a plain (batched) put of a replayed entry rewrites the same
    // item: idempotent without a condition, in one request per 25 entries.
    for (let i = 0; i < items.length; i += 25) {
      let pending: Record<string, unknown>[] = items.slice(i, i + 25);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        if (attempt > 8) throw new Error('timeline write kept being throttled');
        const out = await this.#client.send(
          new BatchWriteCommand({
            RequestItems: { [this.#tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        pending = (out.UnprocessedItems?.[this.#tableName] ?? []).map((r) => r.PutRequest?.Item ?? {});
      }
    }
  }

  /** AP-09: timeline of a task, oldest first. */
  async listTimeline(projectId: string, taskId: string): Promise<TimelineEntry[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.timelinePartition(projectId, taskId),
        ':prefix': keys.TIMELINE_PREFIX,
      },
    });
    return items.map((item) => parseItem(TimelineEntrySchema, item, 'timeline entry'));
  }

  /** AP-10: tasks of a project with a status, newest first. */
  async listTasksByStatus(
    projectId: string,
    status: TaskStatus,
    options: { limit: number; cursor?: string },
  ): Promise<Page<Task>> {
    const partition = keys.statusPartition(projectId, status);
    const pk = keys.projectPartition(projectId);
    return this.#queryTasks(
      {
        IndexName: MAIN_TABLE.indexes.byStatus.name,
        KeyConditionExpression: 'gsi1pk = :partition',
        ExpressionAttributeValues: { ':partition': partition },
      },
      { pk, sk: taskSortKey, gsi1pk: partition, gsi1sk: taskSortKey },
      options,
    );
  }

  /**
   * AP-11: all tasks of a project, newest first. Strongly consistent: a kill switch's release reads
   * every hold saved before the switch went off (Record's own check covers those saved after).
   */
  async listTasks(projectId: string, options: { limit: number; cursor?: string }): Promise<Page<Task>> {
    const pk = keys.projectPartition(projectId);
    return this.#queryTasks(
      {
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.TASK_PREFIX },
      },
      { pk, sk: taskSortKey },
      options,
    );
  }

  /** AP-20: keeps an event under the ref that will find its task; parking the same event again is a no-op. */
  async parkEvent(projectId: string, ref: TaskRef, event: DomainEvent, parkedAt: string): Promise<void> {
    const parsed = parseInput(DomainEventSchema, event, 'event');
    const parkedAtMs = Date.parse(parkedAt);
    if (Number.isNaN(parkedAtMs))
      throw new ValidationError('invalid parkedAt', [
        { path: 'parkedAt', message: 'must be an ISO date-time' },
      ]);
    const at = new Date(parkedAtMs);
    const id = digestOf(parsed);
    const item = { id, parkedAt: at.toISOString(), event: withoutUndefined(parsed) };
    await this.#putOnce({
      ...item,
      ...keys.parkedEventKey(projectId, ref, id),
      entity: 'ParkedEvent',
      ttl: epochSeconds(at) + PARKED_EVENT_TTL_SECONDS,
    });
  }

  /** AP-12: events parked under a ref, oldest first. */
  async listParkedEvents(projectId: string, ref: TaskRef): Promise<{ id: string; event: DomainEvent }[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.projectPartition(projectId),
        ':prefix': keys.parkedEventPrefix(ref),
      },
    });
    return items
      .map((item) => parseItem(ParkedItemSchema, item, 'parked event'))
      .sort((a, b) => compare(a.parkedAt, b.parkedAt) || compare(a.id, b.id))
      .map(({ id, event }) => ({ id, event }));
  }

  /** AP-21: removes one parked event once applied (already gone is fine). */
  async deleteParkedEvent(projectId: string, ref: TaskRef, id: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#tableName, Key: keys.parkedEventKey(projectId, ref, id) }),
    );
  }

  /** AP-160: marks a task for Repair, or refreshes when it was last retried. */
  async markForRepair(projectId: string, taskId: string, status: TaskStatus, at: string): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...keys.repairMarkKey(projectId, taskId), entity: 'RepairMark', taskId, status, at },
      }),
    );
  }

  /** AP-161: tasks marked for Repair. */
  async listRepairMarks(
    projectId: string,
    limit: number,
  ): Promise<{ taskId: string; status: TaskStatus; at: string }[]> {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.repairMarkPartition(projectId) },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => parseItem(RepairMarkSchema, item, 'repair mark'));
  }

  /** AP-162: removes a task's mark (already gone is fine). */
  async clearRepairMark(projectId: string, taskId: string): Promise<void> {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#tableName, Key: keys.repairMarkKey(projectId, taskId) }),
    );
  }

  /**
   * AP-163: sets `checkedAt` alone (no version bump: it is not a change of the task). A task gone
   * meanwhile is left alone; a concurrent save may drop the mark, which only means an earlier check.
   */
  async markChecked(projectId: string, taskId: string, at: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: keys.taskKey(projectId, taskId),
          UpdateExpression: 'SET checkedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async #putTask(
    task: Task,
    condition: Pick<
      PutCommandInput,
      'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
    conflict: string,
  ) {
    const data = parseInput(TaskSchema, task, 'task');
    const meta = {
      ...keys.taskKey(data.projectId, data.taskId),
      ...keys.taskIndexKey(data.projectId, data.status, data.taskId),
      entity: 'Task',
    };
    try {
      await this.#client.send(
        new PutCommand({ TableName: this.#tableName, Item: toItem(data, meta), ...condition }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new VersionConflictError(conflict, { cause: error });
    }
  }

  /** Writes an item unless its key exists: the idempotent append. */
  async #putOnce(item: Record<string, unknown>): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async #queryTasks(
    query: Omit<QueryCommandInput, 'TableName'>,
    cursorShape: CursorShape,
    options: { limit: number; cursor?: string },
  ): Promise<Page<Task>> {
    const start = decodeCursor(options.cursor, cursorShape);
    const page = await this.#client.send(
      new QueryCommand({
        ...query,
        TableName: this.#tableName,
        ScanIndexForward: false,
        Limit: checkLimit(options.limit),
        ExclusiveStartKey: start,
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => parseItem(TaskSchema, item, 'task')),
      cursor: encodeCursor(page.LastEvaluatedKey),
    };
  }
}
