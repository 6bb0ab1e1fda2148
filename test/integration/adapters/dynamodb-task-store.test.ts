import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { InvalidItemError } from '#adapters/aws/errors.js';
import { ReferenceConflictError, ValidationError, VersionConflictError } from '#core/errors.js';
import type { DomainEvent } from '#core/events.js';
import type { TaskRef } from '#core/refs.js';
import type { Task } from '#core/task.js';
import { createTimelineEntry, ulidAt, uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { createTask } from '../../helpers/factories.js';
import { startDynalite } from '../../helpers/dynalite.js';
import type { Dynalite } from '../../helpers/dynalite.js';

const issueClosed = (occurredAt: string, number = 1): DomainEvent => ({
  type: 'github.issue',
  action: 'closed',
  repo: 'acme/api',
  number,
  state: 'closed',
  stateReason: null,
  occurredAt,
});

describe('DynamoDBTaskStore', () => {
  let db: Dynalite;
  let store: DynamoDBTaskStore;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBTaskStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(() => {
    projectId = uniqueProjectId();
  });

  const task = (overrides: Partial<Task> = {}): Task => createTask({ projectId, ...overrides });

  describe('tasks', () => {
    it('creates a task at version 0 and reads it back without undefined fields', async () => {
      const created = { ...task({ version: 7, notes: '' }), repo: undefined, issue: undefined };

      await store.createTask(created);

      const { repo: _repo, issue: _issue, ...expected } = created;
      expect(await store.getTask(projectId, created.taskId)).toEqual({ ...expected, version: 0 });
    });

    it('returns undefined for a task that does not exist', async () => {
      expect(await store.getTask(projectId, ulidAt(1))).toBeUndefined();
    });

    it('refuses to create a task twice', async () => {
      const created = task();
      await store.createTask(created);

      const error = await store.createTask({ ...created, title: 'other' }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(VersionConflictError);
      expect((error as Error).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect((await store.getTask(projectId, created.taskId))?.title).toBe(created.title);
    });

    it('saves at expectedVersion + 1 when the stored version matches', async () => {
      const created = task();
      await store.createTask(created);

      await store.saveTask({ ...created, title: 'first' }, 0);
      await store.saveTask({ ...created, title: 'second' }, 1);

      expect(await store.getTask(projectId, created.taskId)).toMatchObject({ title: 'second', version: 2 });
    });

    it('rejects a save from a stale version and keeps the stored task', async () => {
      const created = task();
      await store.createTask(created);
      await store.saveTask({ ...created, title: 'winner' }, 0);

      const error = await store.saveTask({ ...created, title: 'loser' }, 0).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(VersionConflictError);
      expect((error as Error).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect(await store.getTask(projectId, created.taskId)).toMatchObject({ title: 'winner', version: 1 });
    });

    it('rejects a save of a task that was never created', async () => {
      await expect(store.saveTask(task(), 0)).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('rejects an invalid task with a ValidationError naming the field', async () => {
      const error = await store
        .createTask({ ...task(), status: 'NOPE' } as unknown as Task)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'status' })]);
    });

    it('raises InvalidItemError for a stored task that fails its schema', async () => {
      const { taskId } = task();
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { pk: `PROJECT#${projectId}`, sk: `TASK#${taskId}`, title: 1 },
        }),
      );

      await expect(store.getTask(projectId, taskId)).rejects.toBeInstanceOf(InvalidItemError);
    });

    it('rejects ids that would break the key format', async () => {
      await expect(store.getTask(projectId, 'a#b')).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('references', () => {
    const refs: TaskRef[] = [
      { kind: 'asana', gid: '1200000000000001' },
      { kind: 'issue', repo: 'acme/api', number: 12 },
      { kind: 'pr', repo: 'acme/api', number: 12 },
      { kind: 'sha', repo: 'acme/api', sha: 'a'.repeat(40) },
    ];

    it('finds a task by each kind of reference', async () => {
      const taskId = ulidAt(1);
      for (const ref of refs) await store.putRef(projectId, ref, taskId);

      for (const ref of refs) expect(await store.findTaskId(projectId, ref)).toBe(taskId);
    });

    it('tells an issue from a PR with the same number', async () => {
      await store.putRef(projectId, { kind: 'issue', repo: 'acme/api', number: 3 }, ulidAt(1));

      expect(await store.findTaskId(projectId, { kind: 'pr', repo: 'acme/api', number: 3 })).toBeUndefined();
    });

    it('matches repositories and SHAs case-insensitively', async () => {
      await store.putRef(projectId, { kind: 'sha', repo: 'Acme/API', sha: 'ABC123' }, ulidAt(1));

      expect(await store.findTaskId(projectId, { kind: 'sha', repo: 'acme/api', sha: 'abc123' })).toBe(
        ulidAt(1),
      );
    });

    it('treats a repeat reference to the same task as a no-op', async () => {
      const ref: TaskRef = { kind: 'issue', repo: 'acme/api', number: 1 };
      await store.putRef(projectId, ref, ulidAt(1));

      await expect(store.putRef(projectId, ref, ulidAt(1))).resolves.toBeUndefined();
    });

    it('rejects a reference that already points at another task', async () => {
      const ref: TaskRef = { kind: 'pr', repo: 'acme/api', number: 1 };
      await store.putRef(projectId, ref, ulidAt(1));

      const error = await store.putRef(projectId, ref, ulidAt(2)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ReferenceConflictError);
      expect((error as Error).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
      expect(await store.findTaskId(projectId, ref)).toBe(ulidAt(1));
    });

    it('keeps references of different projects apart', async () => {
      const ref: TaskRef = { kind: 'asana', gid: '1' };
      await store.putRef(projectId, ref, ulidAt(1));

      expect(await store.findTaskId(uniqueProjectId(), ref)).toBeUndefined();
    });
  });

  describe('listing', () => {
    async function createTasks(count: number, overrides: Partial<Task> = {}): Promise<Task[]> {
      const tasks = Array.from({ length: count }, (_, i) =>
        task({
          taskId: ulidAt(Date.UTC(2025, 0, 1) + i * 1000),
          stage: 'RECEIVED',
          status: 'RECEIVED',
          ...overrides,
        }),
      );
      for (const t of tasks) await store.createTask(t);
      return tasks;
    }

    async function readAll(
      list: (cursor?: string) => Promise<{ items: Task[]; cursor?: string }>,
    ): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await list(cursor);
        pages.push(page.items.map((t) => t.taskId));
        cursor = page.cursor;
      } while (cursor !== undefined);
      return pages;
    }

    it('lists the tasks of a status newest first, page by page', async () => {
      const received = await createTasks(5);
      await store.createTask(task({ taskId: ulidAt(Date.UTC(2025, 0, 2)), status: 'BLOCKED' }));

      const pages = await readAll((cursor) =>
        store.listTasksByStatus(projectId, 'RECEIVED', { limit: 2, cursor }),
      );

      const ids = received.map((t) => t.taskId).reverse();
      expect(pages.slice(0, 3)).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
      expect(pages.flat()).toEqual(ids);
    });

    it('moves a task between status partitions when its status changes', async () => {
      const [created] = await createTasks(1);
      const moved = { ...created!, stage: 'ISSUE_CREATED' as const, status: 'ISSUE_CREATED' as const };

      await store.saveTask(moved, 0);

      expect((await store.listTasksByStatus(projectId, 'RECEIVED', { limit: 10 })).items).toEqual([]);
      expect((await store.listTasksByStatus(projectId, 'ISSUE_CREATED', { limit: 10 })).items).toEqual([
        { ...moved, version: 1 },
      ]);
    });

    it('lists all tasks of a project newest first, skipping the other items of its partition', async () => {
      const tasks = await createTasks(3, { status: 'BLOCKED' });
      await store.putRef(projectId, { kind: 'asana', gid: '1' }, tasks[0]!.taskId);
      await store.parkEvent(
        projectId,
        { kind: 'issue', repo: 'acme/api', number: 1 },
        issueClosed('2025-01-01T00:00:00.000Z'),
        '2025-01-01T00:00:00.000Z',
      );

      const pages = await readAll((cursor) => store.listTasks(projectId, { limit: 2, cursor }));

      expect(pages.flat()).toEqual(tasks.map((t) => t.taskId).reverse());
    });

    it('rejects a cursor that is not one of its own with a ValidationError naming cursor', async () => {
      await createTasks(3);
      const other = (await store.listTasksByStatus(projectId, 'RECEIVED', { limit: 1 })).cursor;
      const foreign = Buffer.from(JSON.stringify({ pk: 'PROJECT#x', sk: 'TASK#1' })).toString('base64url');

      for (const cursor of ['%%%', 'bm90IGpzb24', foreign, other]) {
        const error = await store.listTasks(projectId, { limit: 1, cursor }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
      }
    });

    it('rejects a page size below 1', async () => {
      await expect(store.listTasks(projectId, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('timeline', () => {
    it('lists entries oldest first, keeping batch order for entries that share a time', async () => {
      const taskId = ulidAt(1);
      const later = [
        createTimelineEntry({ at: '2025-01-02T00:00:00.000Z', kind: 'z' }),
        createTimelineEntry({ at: '2025-01-02T00:00:00.000Z', kind: 'a' }),
      ];
      const earlier = [
        createTimelineEntry({
          at: '2025-01-01T00:00:00.000Z',
          kind: 'first',
          from: 'RECEIVED',
          to: 'ISSUE_CREATED',
        }),
      ];

      await store.appendTimeline(projectId, taskId, later);
      await store.appendTimeline(projectId, taskId, earlier);

      expect(await store.listTimeline(projectId, taskId)).toEqual([...earlier, ...later]);
    });

    it('ignores a replayed batch', async () => {
      const taskId = ulidAt(1);
      const batch = [
        createTimelineEntry({ kind: 'a' }),
        createTimelineEntry({ kind: 'b', ids: { issue: '1', pr: '2' } }),
      ];
      await store.appendTimeline(projectId, taskId, batch);

      await store.appendTimeline(projectId, taskId, [
        batch[0]!,
        { ...batch[1]!, ids: { pr: '2', issue: '1' } },
      ]);

      expect(await store.listTimeline(projectId, taskId)).toEqual(batch);
    });

    it('keeps different entries that share a time and position', async () => {
      const taskId = ulidAt(1);
      const one = createTimelineEntry({ message: 'one' });
      const two = createTimelineEntry({ message: 'two' });

      await store.appendTimeline(projectId, taskId, [one]);
      await store.appendTimeline(projectId, taskId, [two]);

      expect(await store.listTimeline(projectId, taskId)).toHaveLength(2);
    });

    it('keeps the timelines of tasks apart', async () => {
      await store.appendTimeline(projectId, ulidAt(1), [createTimelineEntry()]);

      expect(await store.listTimeline(projectId, ulidAt(2))).toEqual([]);
    });
  });

  describe('parked events', () => {
    const ref: TaskRef = { kind: 'issue', repo: 'acme/api', number: 1 };

    it('lists the events parked under a reference oldest first', async () => {
      const second = issueClosed('2025-01-02T00:00:00.000Z');
      const first = issueClosed('2025-01-01T00:00:00.000Z');
      await store.parkEvent(projectId, ref, second, '2025-01-02T00:00:00.000Z');
      await store.parkEvent(projectId, ref, first, '2025-01-01T00:00:00.000Z');

      const parked = await store.listParkedEvents(projectId, ref);

      expect(parked.map((p) => p.event)).toEqual([first, second]);
    });

    it('parks the same event once', async () => {
      const event = issueClosed('2025-01-01T00:00:00.000Z');
      await store.parkEvent(projectId, ref, event, '2025-01-01T00:00:00.000Z');

      await store.parkEvent(projectId, ref, event, '2025-01-01T00:05:00.000Z');

      expect(await store.listParkedEvents(projectId, ref)).toHaveLength(1);
    });

    it('keeps the events of issue 1 apart from those of issue 12', async () => {
      await store.parkEvent(
        projectId,
        { ...ref, number: 12 },
        issueClosed('2025-01-01T00:00:00.000Z', 12),
        '2025-01-01T00:00:00.000Z',
      );

      expect(await store.listParkedEvents(projectId, ref)).toEqual([]);
    });

    it('deletes a parked event, and deleting it again is fine', async () => {
      await store.parkEvent(
        projectId,
        ref,
        issueClosed('2025-01-01T00:00:00.000Z'),
        '2025-01-01T00:00:00.000Z',
      );
      const [parked] = await store.listParkedEvents(projectId, ref);

      await store.deleteParkedEvent(projectId, ref, parked!.id);
      await store.deleteParkedEvent(projectId, ref, parked!.id);

      expect(await store.listParkedEvents(projectId, ref)).toEqual([]);
    });

    it('rejects a parkedAt that is not a date', async () => {
      await expect(
        store.parkEvent(projectId, ref, issueClosed('2025-01-01T00:00:00.000Z'), 'yesterday'),
      ).rejects.toBeInstanceOf(ValidationError);
    });
  });
});
