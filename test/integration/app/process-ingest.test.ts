import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IngestMessage } from '#core/events.js';
import { applyEvent } from '#lambdas/app/apply-event.js';
import { processIngest } from '#lambdas/app/process-ingest.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createPipelineFixture } from '../../helpers/pipeline-fixture.js';
import {
  createAsanaRecord,
  mergedEvent,
  pullRequestEvent,
  REPO,
  workflowRunEvent,
} from '../../helpers/factories.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

async function setup() {
  const fixture = await createPipelineFixture(db);
  const { projectId, integrations, clock } = fixture;
  const record = createAsanaRecord({ gid: '4242', modifiedAt: '2026-11-25T09:59:00.000Z' });
  integrations.asanaTasks.set('4242', record);
  const message = (deliveryId: string): IngestMessage => ({
    deliveryId,
    projectId,
    source: 'asana',
    receivedAt: clock.now().toISOString(),
    event: {
      type: 'asana.task_touched',
      asanaGid: '4242',
      action: 'added',
      occurredAt: clock.now().toISOString(),
    },
  });
  return { ...fixture, message };
}

describe('processIngest on dynalite', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });

  it('fetches the skinny Asana task, creates the task and starts its create_issue action', async () => {
    await processIngest(ctx.message('d-1'), ctx.deps);
    const taskId = await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '4242' });
    const task = await ctx.tasks.getTask(ctx.projectId, taskId!);
    expect(task).toMatchObject({ status: 'RECEIVED', recentDeliveries: ['d-1'] });
    expect(ctx.started.map((a) => a.params.kind)).toEqual(['github.create_issue']);
    expect(ctx.integrations.calls.map((c) => c.method)).toEqual(['getTask']);
  });

  it('skips a redelivered message the task already applied', async () => {
    await processIngest(ctx.message('d-1'), ctx.deps);
    const before = await ctx.tasks.getTask(
      ctx.projectId,
      (await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '4242' }))!,
    );
    await processIngest(ctx.message('d-1'), ctx.deps);
    const after = await ctx.tasks.getTask(ctx.projectId, before!.taskId);
    expect(after?.version).toBe(before?.version);
  });

  it('parks a PR event that arrives before the issue is recorded, and applies it once the issue is known', async () => {
    await processIngest(ctx.message('d-1'), ctx.deps);
    const taskId = (await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '4242' }))!;
    const [create] = ctx.started;
    // The agent was fast: its PR (Fixes #7) and even the merge arrive before Record stored issue #7.
    await applyEvent(
      ctx.config,
      pullRequestEvent({ number: 8, body: 'Fixes #7' }),
      {
        lookup: [
          { kind: 'pr', repo: REPO, number: 8 },
          { kind: 'issue', repo: REPO, number: 7 },
        ],
        parkUnder: { kind: 'issue', repo: REPO, number: 7 },
      },
      ctx.deps,
    );
    expect((await ctx.tasks.getTask(ctx.projectId, taskId))?.pr).toBeUndefined();

    await applyEvent(
      ctx.config,
      {
        type: 'effect.succeeded',
        actionId: create!.actionId,
        params: create!.params,
        result: { issueNumber: 7, url: 'https://github.com/acme/web/issues/7' },
      },
      { taskId },
      ctx.deps,
    );

    const task = await ctx.tasks.getTask(ctx.projectId, taskId);
    expect(task).toMatchObject({ status: 'PR_CREATED', issue: { number: 7 }, pr: { number: 8 } });
    expect(await ctx.tasks.listParkedEvents(ctx.projectId, { kind: 'issue', repo: REPO, number: 7 })).toEqual(
      [],
    );
  });

  it('parks a CI result that arrives before the merge, and deploys once the merge is recorded', async () => {
    await processIngest(ctx.message('d-1'), ctx.deps);
    const taskId = (await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '4242' }))!;
    const [create] = ctx.started;
    await applyEvent(
      ctx.config,
      {
        type: 'effect.succeeded',
        actionId: create!.actionId,
        params: create!.params,
        result: { issueNumber: 7, url: 'u' },
      },
      { taskId },
      ctx.deps,
    );
    const run = workflowRunEvent();
    await applyEvent(
      ctx.config,
      run,
      {
        lookup: [{ kind: 'sha', repo: REPO, sha: run.headSha }],
        parkUnder: { kind: 'sha', repo: REPO, sha: run.headSha },
      },
      ctx.deps,
    );
    await applyEvent(
      ctx.config,
      mergedEvent({ body: 'Fixes #7', mergeSha: run.headSha }),
      { lookup: [{ kind: 'issue', repo: REPO, number: 7 }] },
      ctx.deps,
    );
    expect((await ctx.tasks.getTask(ctx.projectId, taskId))?.status).toBe('DEPLOYED');
  });

  it('creates one task when two first deliveries of the same Asana task race', async () => {
    await Promise.all([
      processIngest(ctx.message('d-1'), ctx.deps),
      processIngest(ctx.message('d-2'), ctx.deps),
    ]);
    const { items } = await ctx.tasks.listTasks(ctx.projectId, { limit: 10 });
    expect(items).toHaveLength(1);
    expect(await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '4242' })).toBe(items[0]!.taskId);
    expect(
      new Set(ctx.started.filter((a) => a.params.kind === 'github.create_issue').map((a) => a.actionId)).size,
    ).toBe(1);
  });
});
