import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionNameOf, type Action } from '#core/actions.js';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import { applyEvent } from '#lambdas/app/apply-event.js';
import { findStuck } from '#lambdas/app/reconcile/find-stuck.js';
import { repairTask } from '#lambdas/app/reconcile/repair-task.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import {
  createAction,
  createAsanaRecord,
  createTask,
  failedEvent,
  succeededEvent,
} from '../../helpers/factories.js';
import { createPipelineFixture } from '../../helpers/pipeline-fixture.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

/** A task whose create-issue action was held by the kill switch. */
async function heldTask() {
  const fixture = await createPipelineFixture(db);
  const record = createAsanaRecord();
  fixture.integrations.asanaTasks.set(record.gid, record);
  const task = createTask({
    projectId: fixture.projectId,
    taskId: '01HELD0000000000000000000A',
    asanaGid: record.gid,
  });
  const held: Action = {
    ...createAction({ projectId: fixture.projectId, taskId: task.taskId, actionId: `${task.taskId}-1` }),
    params: {
      kind: 'github.create_issue',
      repo: 'acme/web',
      title: task.title,
      body: 'body',
      labels: [],
      marker: `<!-- autoflow:${task.taskId} -->`,
    },
    heldReason: 'kill switch on',
  };
  await fixture.tasks.createTask({ ...task, outbox: [held] });
  const starts: { actionId: string; executionName: string }[] = [];
  const deps = {
    ...fixture.deps,
    workflows: {
      start: async (action: Action) =>
        void starts.push({ actionId: action.actionId, executionName: executionNameOf(action) }),
    },
  };
  return { ...fixture, task, held, starts, deps };
}

describe('repair of a task with actions held by the kill switch', () => {
  it('leaves them to the kill switch release and Record', async () => {
    const { task, held, starts, deps, projectId } = await heldTask();

    const result = await repairTask({ projectId, taskId: task.taskId, status: 'RECEIVED' }, deps);

    expect(starts.map((s) => s.actionId)).not.toContain(held.actionId);
    expect(result.checked).not.toContain('held-actions');
  });
});

describe('an effect that failed on a task already terminal', () => {
  it('is marked, found by FindStuck though the task is DEPLOYED, re-started by Repair, and unmarked once it succeeds', async () => {
    const fixture = await createPipelineFixture(db);
    const { projectId, config, tasks, clock } = fixture;
    const record = createAsanaRecord({ completed: false });
    fixture.integrations.asanaTasks.set(record.gid, record);
    const task = createTask({
      projectId,
      taskId: '01DEPL0YED00000000000000AA',
      asanaGid: record.gid,
      stage: 'DEPLOYED',
      status: 'DEPLOYED',
      asanaModifiedAt: record.modifiedAt,
    });
    const complete: Action = {
      ...createAction({ projectId, taskId: task.taskId, actionId: `${task.taskId}-9` }),
      params: { kind: 'asana.complete_task', asanaGid: record.gid },
    };
    await tasks.createTask({ ...task, outbox: [complete] });
    const starts: { actionId: string; executionName: string }[] = [];
    const deps = {
      ...fixture.deps,
      workflows: {
        start: async (action: Action) =>
          void starts.push({ actionId: action.actionId, executionName: executionNameOf(action) }),
      },
    };

    await applyEvent(
      config,
      failedEvent(complete, 'Asana (500) after retries'),
      { taskId: task.taskId },
      deps,
    );
    const marks = await tasks.listRepairMarks(projectId, 10);
    clock.advance(5 * 60_000);
    const stuck = await findStuck(
      { projects: fixture.projects, tasks, leases: new DynamoDBLeaseStore(fixture.table), clock },
      {},
      { window: `w-${projectId}` },
    );
    await repairTask({ projectId, taskId: task.taskId, status: 'DEPLOYED' }, deps);
    const held = (await tasks.getTask(projectId, task.taskId))!.outbox[0]!;
    await applyEvent(config, succeededEvent(held), { taskId: task.taskId }, deps);

    expect(marks).toEqual([{ taskId: task.taskId, status: 'DEPLOYED', at: expect.any(String) }]);
    expect(stuck.items).toContainEqual({ projectId, taskId: task.taskId, status: 'DEPLOYED' });
    expect(starts.filter((s) => s.actionId === complete.actionId)).toEqual([
      { actionId: complete.actionId, executionName: `${complete.actionId}-r1` },
    ]);
    expect(await tasks.listRepairMarks(projectId, 10)).toEqual([]);
    expect(await tasks.getTask(projectId, task.taskId)).toMatchObject({ outbox: [], asanaCompleted: true });
  });
});
