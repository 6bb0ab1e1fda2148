import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import { ulidIds } from '#adapters/system.js';
import { PermanentIntegrationError, TransientIntegrationError } from '#core/errors.js';
import type { Action } from '#core/actions.js';
import { createEvaluateStep, createExecuteStep, createRecordStep } from '#lambdas/functions/action-steps.js';
import { readDefinition } from '../../../statemachines/load.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { createProjectConfig, createTask, REPO } from '../../helpers/factories.js';
import { fixedClock, memoryLogger } from '../../helpers/memory-ports.js';
import { memoryIntegrations } from '../../helpers/memory-trackers.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

async function setup() {
  const table = { client: db.doc, tableName: db.tableName };
  const projects = new DynamoDBProjectStore(table);
  const tasks = new DynamoDBTaskStore(table);
  const killSwitches = new DynamoDBKillSwitchStore(table);
  const projectId = uniqueProjectId();
  await projects.createProject(createProjectConfig({ projectId, slug: projectId.toLowerCase() }));
  const integrations = memoryIntegrations();
  const clock = fixedClock('2026-11-25T10:00:00.000Z');
  const logger = memoryLogger();
  const started: Action[] = [];
  const workflows = { start: async (a: Action) => void started.push(a) };
  const sfn = new LocalStepFunctions({
    definition: readDefinition('action'),
    handlers: {
      EvaluateFunctionArn: createEvaluateStep({ killSwitches }),
      ExecuteFunctionArn: createExecuteStep({ integrations }),
      RecordFunctionArn: createRecordStep({ projects, tasks, workflows, clock, ids: ulidIds(clock), logger }),
    },
    clock,
    logger,
    retryPauseMs: 1,
  });
  const taskId = ulidIds(clock).newId();
  const action: Action = {
    actionId: `${taskId}-1`,
    projectId,
    taskId,
    createdAt: clock.now().toISOString(),
    params: {
      kind: 'github.create_issue',
      repo: REPO,
      title: 'Add dark mode',
      body: 'spec <!-- m -->',
      labels: ['autoflow'],
      marker: '<!-- m -->',
    },
  };
  await tasks.createTask(
    createTask({
      projectId,
      taskId,
      stage: 'RECEIVED',
      status: 'RECEIVED',
      issue: undefined,
      outbox: [action],
      actionSeq: 1,
    }),
  );
  return { sfn, tasks, killSwitches, integrations, projectId, taskId, action, started };
}

describe('action.asl.json on the local runner', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });

  it('Evaluate → Execute → RecordSuccess: creates the issue and records it on the task', async () => {
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    const task = await ctx.tasks.getTask(ctx.projectId, ctx.taskId);
    expect(task).toMatchObject({ stage: 'ISSUE_CREATED', issue: { repo: REPO, number: 1 }, outbox: [] });
    expect(ctx.integrations.issues).toHaveLength(1);
    expect(ctx.sfn.list()[0]).toMatchObject({ name: ctx.action.actionId, status: 'SUCCEEDED' });
  });

  it('Execute retries a TransientIntegrationError and then succeeds, creating one issue', async () => {
    ctx.integrations.fail({
      method: 'createIssue',
      times: 2,
      error: () => new TransientIntegrationError('502 from GitHub'),
    });
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    expect(ctx.integrations.calls.filter((c) => c.method === 'createIssue')).toHaveLength(3);
    expect(ctx.integrations.issues).toHaveLength(1);
    expect((await ctx.tasks.getTask(ctx.projectId, ctx.taskId))?.stage).toBe('ISSUE_CREATED');
  });

  it('Execute → RecordFailure on a permanent error: the task is FAILED with the reason on its timeline', async () => {
    ctx.integrations.fail({
      method: 'createIssue',
      times: 1,
      error: () => new PermanentIntegrationError('422 Validation Failed'),
    });
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    const task = await ctx.tasks.getTask(ctx.projectId, ctx.taskId);
    expect(task).toMatchObject({ stage: 'FAILED', status: 'FAILED', outbox: [] });
    expect(task?.failureReason).toContain('422 Validation Failed');
    expect(ctx.integrations.calls.filter((c) => c.method === 'createIssue')).toHaveLength(1);
    expect(ctx.sfn.list()[0]?.status).toBe('FAILED');
    const timeline = await ctx.tasks.listTimeline(ctx.projectId, ctx.taskId);
    expect(timeline.map((e) => e.message).join('\n')).toContain('422 Validation Failed');
  });

  it('Evaluate → RecordHeld while the kill switch is on: no effect, the action stays held in the outbox', async () => {
    await ctx.killSwitches.setKillSwitch({ projectId: ctx.projectId }, true, 'tester', new Date());
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    const task = await ctx.tasks.getTask(ctx.projectId, ctx.taskId);
    expect(ctx.integrations.calls).toHaveLength(0);
    expect(task?.outbox).toEqual([
      expect.objectContaining({
        actionId: ctx.action.actionId,
        heldReason: expect.stringContaining('kill switch'),
      }),
    ]);
  });

  it('does nothing on a repeat start of the same action id', async () => {
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    expect(ctx.integrations.calls.filter((c) => c.method === 'createIssue')).toHaveLength(1);
    expect(ctx.sfn.list()).toHaveLength(1);
  });

  it('reuses an issue that a lost response already created instead of opening a second', async () => {
    await (
      await ctx.integrations.issueTracker(ctx.projectId)
    ).createIssue({ repo: REPO, title: 't', body: 'x <!-- m -->', labels: [] });
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    expect(ctx.integrations.issues).toHaveLength(1);
    expect((await ctx.tasks.getTask(ctx.projectId, ctx.taskId))?.issue?.number).toBe(1);
  });
});
