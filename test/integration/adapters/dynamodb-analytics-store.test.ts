import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBAnalyticsStore, MAX_LEAD_TIMES_PER_DAY } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import type { TaskProgress } from '#core/analytics/progress.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createTask } from '../../helpers/factories.js';

describe('DynamoDBAnalyticsStore', () => {
  let db: Dynalite;
  let store: DynamoDBAnalyticsStore;
  let tasks: DynamoDBTaskStore;

  beforeAll(async () => {
    db = await startDynalite();
    const table = { client: db.doc, tableName: db.tableName };
    store = new DynamoDBAnalyticsStore(table);
    tasks = new DynamoDBTaskStore(table);
  });
  afterAll(() => db.stop());

  const progress = (projectId: string, overrides: Partial<TaskProgress> = {}): TaskProgress => ({
    projectId,
    taskId: 't1',
    cohortDay: '2026-03-02',
    stages: [],
    failures: [],
    ...overrides,
  });

  it('moves status counts with each transition', async () => {
    const projectId = uniqueProjectId();
    await store.recordProgress(progress(projectId, { taskId: 'a', status: { to: 'RECEIVED' } }));
    await store.recordProgress(progress(projectId, { taskId: 'b', status: { to: 'RECEIVED' } }));
    await store.recordProgress(
      progress(projectId, { taskId: 'a', status: { from: 'RECEIVED', to: 'ISSUE_CREATED' } }),
    );

    expect(await store.statusCounts(projectId)).toEqual({ RECEIVED: 1, ISSUE_CREATED: 1 });
  });

  it('counts a stage once per task under its cohort day, whatever replays', async () => {
    const projectId = uniqueProjectId();
    await store.recordProgress(progress(projectId, { taskId: 'a', stages: ['AUTOTASK', 'ISSUE'] }));
    await store.recordProgress(progress(projectId, { taskId: 'a', stages: ['ISSUE', 'PR'] }));
    await store.recordProgress(
      progress(projectId, { taskId: 'b', stages: ['AUTOTASK'], cohortDay: '2026-03-03' }),
    );

    const days = await store.listDays(projectId, { from: '2026-03-01', to: '2026-03-31' });

    expect(days.map((d) => [d.day, d.reached])).toEqual([
      ['2026-03-02', { AUTOTASK: 1, ISSUE: 1, PR: 1 }],
      ['2026-03-03', { AUTOTASK: 1 }],
    ]);
    expect(await store.listDays(projectId, { from: '2026-03-03', to: '2026-03-03' })).toHaveLength(1);
  });

  it('adds failures on their day and a lead time only when DEPLOYED is new for the task', async () => {
    const projectId = uniqueProjectId();
    const deployed = progress(projectId, {
      stages: ['DEPLOYED'],
      failures: [{ reason: 'CI failed: build', day: '2026-03-04' }],
      leadTime: { ms: 1234, day: '2026-03-04' },
    });
    await store.recordProgress(deployed);
    await store.recordProgress({ ...deployed, failures: [] });

    const [cohort, day] = await store.listDays(projectId, { from: '2026-03-01', to: '2026-03-31' });

    expect(cohort).toMatchObject({ day: '2026-03-02', reached: { DEPLOYED: 1 } });
    expect(day).toEqual({
      day: '2026-03-04',
      reached: {},
      failures: { 'CI failed: build': 1 },
      leadTimesMs: [1234],
      leadTimesDropped: 0,
    });
  });

  it('counts a lead time as dropped once the day holds the bound', async () => {
    const projectId = uniqueProjectId();
    await store.recordProgress(
      progress(projectId, { taskId: 'seed', stages: ['DEPLOYED'], leadTime: { ms: 1, day: '2026-03-05' } }),
    );
    const key = { pk: `ANALYTICS#${projectId}`, sk: 'DAY#2026-03-05' };
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'SET leadTimesMs = :full',
        ExpressionAttributeValues: { ':full': Array.from({ length: MAX_LEAD_TIMES_PER_DAY }, () => 1) },
      }),
    );

    await store.recordProgress(
      progress(projectId, { taskId: 'late', stages: ['DEPLOYED'], leadTime: { ms: 9, day: '2026-03-05' } }),
    );

    const [day] = await store.listDays(projectId, { from: '2026-03-05', to: '2026-03-05' });
    expect(day?.leadTimesMs).toHaveLength(MAX_LEAD_TIMES_PER_DAY);
    expect(day?.leadTimesDropped).toBe(1);
  });

  it('rebuilds drifted status counts from the status index', async () => {
    const projectId = uniqueProjectId();
    await tasks.createTask(createTask({ projectId, taskId: 'x1', status: 'RECEIVED' }));
    await tasks.createTask(createTask({ projectId, taskId: 'x2', status: 'DEPLOYED', stage: 'DEPLOYED' }));
    await store.recordProgress(progress(projectId, { taskId: 'x9', status: { to: 'FAILED' } }));

    const rebuilt = await store.recountStatuses(projectId);

    expect(rebuilt).toMatchObject({ RECEIVED: 1, DEPLOYED: 1, FAILED: 0 });
    expect(await store.statusCounts(projectId)).toMatchObject({ RECEIVED: 1, DEPLOYED: 1, FAILED: 0 });
  });
});
