import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '#core/actions.js';
import { repairTask } from '#lambdas/app/reconcile/repair-task.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createAction, createAsanaRecord, createTask } from '../../helpers/factories.js';
import { createPipelineFixture } from '../../helpers/pipeline-fixture.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

/** A task whose create-issue action was held by the kill switch and never released. */
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
  const starts: { actionId: string; executionName?: string }[] = [];
  const deps = {
    ...fixture.deps,
    workflows: {
      start: async (action: Action, options?: { executionName?: string }) =>
        void starts.push({ actionId: action.actionId, ...options }),
    },
  };
  return { ...fixture, task, held, starts, deps };
}

describe('repair of a task with held actions', () => {
  it('releases them once no kill switch is on (a release that raced a running execution missed them)', async () => {
    const { task, held, starts, deps, projectId, clock } = await heldTask();

    const result = await repairTask({ projectId, taskId: task.taskId, status: 'RECEIVED' }, deps);

    const second = Math.floor(clock.now().getTime() / 1000);
    expect(starts).toContainEqual({ actionId: held.actionId, executionName: `${held.actionId}-r${second}` });
    expect(result.checked).toContain('held-actions');
    expect(result.changed).toBe(true);
  });

  it('leaves them held while a kill switch is on', async () => {
    const { task, held, starts, deps, projectId, killSwitches, clock } = await heldTask();
    await killSwitches.setKillSwitch({ projectId }, true, 'ops', clock.now());

    const result = await repairTask({ projectId, taskId: task.taskId, status: 'RECEIVED' }, deps);

    expect(starts.map((s) => s.actionId)).not.toContain(held.actionId);
    expect(result.checked).not.toContain('held-actions');
  });
});
