import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBAsanaWebhookRegistry } from '#adapters/aws/dynamodb-asana-webhook-registry.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBCursorStore } from '#adapters/aws/dynamodb-cursor-store.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import { ulidIds } from '#adapters/system.js';
import { PermanentIntegrationError, TransientIntegrationError } from '#core/errors.js';
import {
  createFindStuckStep,
  createRepairStep,
  createRepairWebhooksStep,
  createSummaryStep,
} from '#lambdas/functions/reconcile-steps.js';
import type { ProjectStore } from '#lambdas/ports.js';
import { readDefinition } from '../../../statemachines/load.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { memoryHandshakes } from '../../helpers/memory-ports.js';
import { memoryWebhookAdmin } from '../api/memory-webhook-admin.js';
import { createPipelineFixture } from '../../helpers/pipeline-fixture.js';
import {
  createAsanaRecord,
  createTask,
  mergedEvent,
  pullRequestEvent,
  REPO,
  workflowRunEvent,
  MERGE_SHA,
} from '../../helpers/factories.js';

const WEBHOOKS = 'https://autoflow.example/webhooks';
let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

async function setup() {
  const fixture = await createPipelineFixture(db);
  const { table, projects, tasks, projectId, clock, logger, deps } = fixture;
  // A lease per test: every test is its own window.
  const leases = new DynamoDBLeaseStore(table);
  const lease = {
    acquire: (name: string, window: string, at: Date) => leases.acquire(`${name}-${projectId}`, window, at),
  };
  const health = new DynamoDBIntegrationHealthStore(table);
  const audit = new DynamoDBAuditLog({ client: db.doc, tableName: db.auditTableName });
  const webhookAdmin = memoryWebhookAdmin({
    handshakes: memoryHandshakes(),
    registry: new DynamoDBAsanaWebhookRegistry(table),
    clock,
    githubSecret: async () => undefined,
  });
  const sfn = new LocalStepFunctions({
    definition: readDefinition('reconcile'),
    handlers: {
      FindStuckFunctionArn: createFindStuckStep(
        { projects: onlyProject(projects, projectId), tasks, leases: lease, clock },
        { staleAfterMs: 60_000 },
      ),
      RepairWebhooksFunctionArn: createRepairWebhooksStep({
        ...deps,
        projects: onlyProject(projects, projectId),
        cursors: new DynamoDBCursorStore(table),
        webhookBaseUrl: WEBHOOKS,
        health,
        audit,
        webhookAdmin,
      }),
      RepairFunctionArn: createRepairStep(deps),
      SummaryFunctionArn: createSummaryStep({ logger }),
    },
    clock,
    logger,
    retryPauseMs: 1,
  });
  const run = async (name: string) => {
    await sfn.startExecution(name, {});
    await sfn.idle();
    return sfn.list().find((e) => e.name === name)!;
  };
  return { ...fixture, run, health, audit, webhookAdmin };
}

/** Only this test's project is visible, so tests sharing one table do not see each other's tasks. */
function onlyProject(projects: ProjectStore, projectId: string): ProjectStore {
  return {
    getProject: (id) => projects.getProject(id),
    getProjectBySlug: (slug) => projects.getProjectBySlug(slug),
    listProjects: async () => (await projects.listProjects()).filter((p) => p.projectId === projectId),
    createProject: (project) => projects.createProject(project),
    changeProject: (id, change) => projects.changeProject(id, change),
  };
}

describe('reconcile.asl.json on the local runner', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });

  async function stuckTask(overrides: Parameters<typeof createTask>[0]) {
    const task = createTask({
      projectId: ctx.projectId,
      taskId: ulidIds(ctx.clock).newId(),
      updatedAt: '2026-11-25T09:00:00.000Z',
      asanaModifiedAt: '2026-11-25T08:00:00.000Z',
      ...overrides,
    });
    await ctx.tasks.createTask(task);
    await ctx.tasks.putRef(ctx.projectId, { kind: 'asana', gid: task.asanaGid }, task.taskId);
    ctx.integrations.asanaTasks.set(
      task.asanaGid,
      createAsanaRecord({ gid: task.asanaGid, modifiedAt: '2026-11-25T08:00:00.000Z' }),
    );
    return task;
  }

  it('Repair: finds the agent PR and its merge that no webhook announced, then CI on the merge commit', async () => {
    const task = await stuckTask({ asanaGid: '5001' });
    ctx.integrations.pulls.push(mergedEvent({ number: 8, body: 'Fixes #7', mergeSha: MERGE_SHA }));
    ctx.integrations.runs.push(workflowRunEvent({ headSha: MERGE_SHA }));
    const execution = await ctx.run('window-1');
    expect(execution.status).toBe('SUCCEEDED');
    expect(await ctx.tasks.getTask(ctx.projectId, task.taskId)).toMatchObject({
      status: 'DEPLOYED',
      pr: { number: 8 },
      mergeSha: MERGE_SHA,
    });
    expect(ctx.started.map((a) => a.params.kind)).toEqual(['asana.complete_task']);
  });

  it('Repair: an open PR found later moves the task to PR_CREATED and nothing more', async () => {
    const task = await stuckTask({ asanaGid: '5002' });
    ctx.integrations.pulls.push(
      pullRequestEvent({ number: 9, body: 'Fixes #7' }),
      pullRequestEvent({ number: 10, body: 'mentions #7 only' }),
    );
    await ctx.run('window-2');
    expect(await ctx.tasks.getTask(ctx.projectId, task.taskId)).toMatchObject({
      status: 'PR_CREATED',
      pr: { number: 9 },
    });
  });

  it('Repair: replaying the truth when nothing was missed changes nothing', async () => {
    const task = await stuckTask({ asanaGid: '5003' });
    await ctx.run('window-3');
    const after = await ctx.tasks.getTask(ctx.projectId, task.taskId);
    expect(after?.version).toBe(0);
    const summary = ctx.logger.lines.find((l) => l.message === 'reconcile summary');
    expect(summary?.extra[0]).toMatchObject({ checked: 1, repaired: 0, failed: 0 });
  });

  it('Repair: a task found unchanged is checked again later, the longer quiet the later', async () => {
    const task = await stuckTask({ asanaGid: '5009' }); // quiet for an hour at the first run
    const asanaReads = () =>
      ctx.integrations.calls.filter((c) => c.method === 'getTask' && c.args[0] === task.asanaGid).length;

    await ctx.run('quiet-1');
    const checkedAt = (await ctx.tasks.getTask(ctx.projectId, task.taskId))?.checkedAt;
    ctx.clock.advance(5 * 60_000);
    await ctx.run('quiet-2'); // quiet 65 min: due about 16 min after the check
    const afterSecond = asanaReads();
    ctx.clock.advance(14 * 60_000); // quiet 79 min: due about 17 min after the check
    await ctx.run('quiet-3');

    expect(checkedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(afterSecond).toBe(1);
    expect(asanaReads()).toBe(2);
    expect((await ctx.tasks.getTask(ctx.projectId, task.taskId))?.version).toBe(0);
  });

  it('Repair: a changed task is checked every run again', async () => {
    const task = await stuckTask({ asanaGid: '5010', checkedAt: '2026-11-25T09:59:00.000Z' });
    ctx.integrations.pulls.push(pullRequestEvent({ number: 14, body: 'Fixes #7' }));

    await ctx.run('changed-1'); // not due: checked a minute ago, quiet for an hour
    const before = await ctx.tasks.getTask(ctx.projectId, task.taskId);
    ctx.clock.advance(20 * 60_000);
    await ctx.run('changed-2');

    expect(before?.status).toBe('ISSUE_CREATED');
    expect(await ctx.tasks.getTask(ctx.projectId, task.taskId)).toMatchObject({
      status: 'PR_CREATED',
      checkedAt: '2026-11-25T09:59:00.000Z',
    });
  });

  it('Skipped: a second run in the same window does nothing', async () => {
    await stuckTask({ asanaGid: '5004' });
    await ctx.run('first');
    const calls = ctx.integrations.calls.length;
    const second = await ctx.run('second');
    expect(second.status).toBe('SUCCEEDED');
    expect(ctx.integrations.calls.length).toBe(calls);
  });

  it('RepairFailed: one task failing is counted, the others are still repaired', async () => {
    const broken = await stuckTask({ asanaGid: '5005' });
    const fine = await stuckTask({ asanaGid: '5006', issue: { repo: REPO, number: 11, url: 'u' } });
    ctx.integrations.pulls.push(pullRequestEvent({ number: 12, body: 'Fixes #11' }));
    const original = ctx.integrations.workTracker;
    ctx.integrations.workTracker = async (projectId) => {
      const tracker = await original(projectId);
      return {
        ...tracker,
        getTask: async (gid) =>
          gid === broken.asanaGid
            ? Promise.reject(new TransientIntegrationError('Asana 503'))
            : tracker.getTask(gid),
      };
    };
    await ctx.run('window-5');
    expect((await ctx.tasks.getTask(ctx.projectId, fine.taskId))?.status).toBe('PR_CREATED');
    const summary = ctx.logger.lines.find((l) => l.message === 'reconcile summary');
    expect(summary?.extra[0]).toMatchObject({ checked: 2, repaired: 1, failed: 1 });
  });

  it('RepairWebhooks: asks GitHub to redeliver what never reached the receiver, and nothing else', async () => {
    const url = `${WEBHOOKS}/github/${ctx.projectId}`;
    ctx.integrations.hooks.push(
      { id: 1, repo: REPO, url },
      { id: 2, repo: REPO, url: 'https://elsewhere/hook' },
    );
    const at = (m: number) => new Date(ctx.clock.now().getTime() - m * 60_000).toISOString();
    ctx.integrations.hookDeliveries.push(
      { hookId: 1, id: 10, guid: 'lost', deliveredAt: at(5), statusCode: 0, event: 'pull_request' },
      { hookId: 1, id: 11, guid: 'ok', deliveredAt: at(5), statusCode: 202, event: 'pull_request' },
      { hookId: 1, id: 12, guid: 'retried-ok', deliveredAt: at(6), statusCode: 502, event: 'workflow_run' },
      { hookId: 1, id: 13, guid: 'retried-ok', deliveredAt: at(4), statusCode: 200, event: 'workflow_run' },
      { hookId: 1, id: 14, guid: 'refused', deliveredAt: at(3), statusCode: 401, event: 'issues' },
      { hookId: 1, id: 15, guid: 'too-old', deliveredAt: at(5 * 24 * 60), statusCode: 0, event: 'issues' },
      { hookId: 2, id: 20, guid: 'not-ours', deliveredAt: at(5), statusCode: 0, event: 'issues' },
    );
    await ctx.run('window-6');
    expect(ctx.integrations.redelivered).toEqual([10]);
    const summary = ctx.logger.lines.find((l) => l.message === 'reconcile summary');
    expect(summary?.extra[0]).toMatchObject({ githubRedelivered: 1, webhookRepairFailed: false });
  });

  it('RepairWebhooks: backfills an AutoTask task whose Asana webhook never arrived, once', async () => {
    ctx.integrations.asanaTasks.set(
      '7001',
      createAsanaRecord({ gid: '7001', modifiedAt: '2026-11-25T09:58:00.000Z' }),
    );
    await ctx.run('window-7');
    const taskId = await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '7001' });
    expect(taskId).toBeDefined();
    expect(ctx.started.map((a) => a.params.kind)).toEqual(['github.create_issue']);
    const summary = ctx.logger.lines.find((l) => l.message === 'reconcile summary');
    expect(summary?.extra[0]).toMatchObject({ asanaBackfilled: 1 });

    ctx.clock.advance(300_000);
    await ctx.run('window-8');
    // Later runs re-start the pending action (same id: a no-op) but never create a second task.
    expect(new Set(ctx.started.map((a) => a.actionId)).size).toBe(1);
    expect(await ctx.tasks.listTasks(ctx.projectId, { limit: 10 })).toMatchObject({
      items: [expect.anything()],
    });
  });

  it('RepairWebhooks: a redelivery GitHub refuses does not stop the Asana backfill', async () => {
    const url = `${WEBHOOKS}/github/${ctx.projectId}`;
    ctx.integrations.hooks.push({ id: 1, repo: REPO, url });
    ctx.integrations.hookDeliveries.push({
      hookId: 1,
      id: 10,
      guid: 'gone',
      deliveredAt: ctx.clock.now().toISOString(),
      statusCode: 0,
      event: 'issues',
    });
    ctx.integrations.fail({
      method: 'redeliver',
      times: 1,
      error: () => new PermanentIntegrationError('422 payload no longer kept'),
    });
    ctx.integrations.asanaTasks.set(
      '7002',
      createAsanaRecord({ gid: '7002', modifiedAt: '2026-11-25T09:59:00.000Z' }),
    );
    await ctx.run('window-9');
    expect(await ctx.tasks.findTaskId(ctx.projectId, { kind: 'asana', gid: '7002' })).toBeDefined();
    const summary = ctx.logger.lines.find((l) => l.message === 'reconcile summary');
    expect(summary?.extra[0]).toMatchObject({
      githubRedelivered: 0,
      asanaBackfilled: 1,
      webhookRepairFailed: false,
    });
  });

  it('RepairWebhooks: records a GitHub token that stopped working, warns and audits once', async () => {
    ctx.integrations.tokenStates.github = 'invalid';
    await ctx.run('window-10');
    ctx.clock.advance(300_000);
    await ctx.run('window-11');

    expect(await ctx.health.getHealth(ctx.projectId)).toMatchObject({
      github: 'invalid',
      asana: 'ok',
      asanaWebhooks: { state: 'ok', projectGids: [] },
      checkedAt: ctx.clock.now().toISOString(),
      changedAt: '2026-11-25T10:00:00.000Z',
    });
    const warnings = ctx.logger.lines.filter((l) => l.message === 'integration health changed');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe('WARN');
    const entries = (await ctx.audit.listChain(ctx.projectId)).filter(
      (e) => e.type === 'integration.health_changed',
    );
    expect(entries).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ problems: ['github_token_invalid'] }) }),
    ]);
    const summary = ctx.logger.lines.findLast((l) => l.message === 'reconcile summary');
    expect(summary?.extra[0]).toMatchObject({ projectsWithProblems: 1 });
  });

  it('RepairWebhooks: re-creates an Asana webhook Asana deleted and records when', async () => {
    const target = `${WEBHOOKS}/asana/${ctx.projectId}`;
    ctx.webhookAdmin.asanaHooks.push({ gid: 'old', resourceGid: 'asana-proj-1', target, active: false });
    await ctx.webhookAdmin.registry.putAsanaWebhook(ctx.projectId, {
      asanaProjectGid: 'asana-proj-1',
      webhookGid: 'old',
      target,
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    await ctx.run('window-12');

    expect(ctx.webhookAdmin.deleted).toEqual(['old']);
    expect(ctx.webhookAdmin.asanaHooks).toEqual([
      expect.objectContaining({ resourceGid: 'asana-proj-1', target, active: true }),
    ]);
    expect(await ctx.health.getHealth(ctx.projectId)).toMatchObject({
      github: 'ok',
      asana: 'ok',
      asanaWebhooks: {
        state: 'recreated',
        projectGids: ['asana-proj-1'],
        recreatedAt: '2026-11-25T10:00:00.000Z',
      },
    });

    ctx.clock.advance(300_000);
    await ctx.run('window-13');
    // The next run finds it active: healthy again, the re-creation time kept for the console.
    expect(await ctx.health.getHealth(ctx.projectId)).toMatchObject({
      asanaWebhooks: { state: 'ok', projectGids: [], recreatedAt: '2026-11-25T10:00:00.000Z' },
    });
    const changes = (await ctx.audit.listChain(ctx.projectId)).filter(
      (e) => e.type === 'integration.health_changed',
    );
    expect(changes.map((e) => e.data.asanaWebhooks)).toEqual(['recreated', 'ok']);
  });

  it('RepairWebhooks: an Asana that cannot be reached is recorded without failing the run', async () => {
    ctx.integrations.fail({
      method: 'asanaCheckToken',
      times: 1,
      error: () => new TransientIntegrationError('Asana check the token failed (503): unavailable'),
    });
    const execution = await ctx.run('window-14');

    expect(execution.status).toBe('SUCCEEDED');
    expect(await ctx.health.getHealth(ctx.projectId)).toMatchObject({
      github: 'ok',
      asana: 'unreachable',
      lastError: 'Asana check the token failed (503): unavailable',
    });
  });
});
