import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentIntegrationError, TransientIntegrationError } from '#core/errors.js';
import { releaseHeldActions } from '#lambdas/app/set-kill-switch.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { setUpActionMachine } from '../../helpers/action-machine.js';
import { REPO } from '../../helpers/factories.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

describe('action.asl.json on the local runner (default policies)', () => {
  let ctx: Awaited<ReturnType<typeof setUpActionMachine>>;
  beforeEach(async () => {
    ctx = await setUpActionMachine(db);
  });

  it('Evaluate → Authorize → Execute → RecordSuccess: creates the issue and records it on the task', async () => {
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    const task = await ctx.tasks.getTask(ctx.projectId, ctx.taskId);
    expect(task).toMatchObject({ stage: 'ISSUE_CREATED', issue: { repo: REPO, number: 1 }, outbox: [] });
    expect(ctx.integrations.issues).toHaveLength(1);
    expect(ctx.sfn.list()[0]).toMatchObject({ name: ctx.action.actionId, status: 'SUCCEEDED' });
  });

  it('puts the policy decision with its determining policy on the timeline and in the audit log', async () => {
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    const timeline = await ctx.tasks.listTimeline(ctx.projectId, ctx.taskId);
    expect(timeline.find((e) => e.kind === 'policy.decision')?.message).toBe(
      'Policy allow for github.create_issue: allow (routine-writes; policy default)',
    );
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.map((e) => e.type)).toEqual(['policy.decision', 'token.minted', 'effect.recorded']);
    expect(audit[0]?.data).toMatchObject({
      outcome: 'allow',
      determiningPolicies: ['routine-writes'],
      policyVersion: 'default',
    });
  });

  it('retries a TransientIntegrationError through Authorize (a fresh token each time) and then succeeds, creating one issue', async () => {
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
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.filter((e) => e.type === 'token.minted')).toHaveLength(3);
    expect(audit.filter((e) => e.type === 'token.refused')).toHaveLength(0);
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
    await ctx.stores.killSwitches.setKillSwitch({ projectId: ctx.projectId }, true, 'tester', new Date());
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
    expect(task?.outbox[0]?.heldReason).toContain('kill-switch');
  });

  it('releases at Record a hold whose kill switch went off after Evaluate read it (its release looked too early)', async () => {
    const switches = ctx.stores.killSwitches;
    await switches.setKillSwitch({ projectId: ctx.projectId }, true, 'tester', new Date());
    // The switch goes off right after Evaluate decided, without a release: the race the release loses.
    const append = ctx.stores.audit.append.bind(ctx.stores.audit);
    ctx.stores.audit.append = async (entry) => {
      const appended = await append(entry);
      if (entry.type === 'policy.decision')
        await switches.setKillSwitch({ projectId: ctx.projectId }, false, 'tester', new Date());
      return appended;
    };

    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();

    expect(ctx.sfn.list().map((e) => [e.name, e.status])).toEqual([
      [`${ctx.action.actionId}-r1`, 'SUCCEEDED'],
      [ctx.action.actionId, 'SUCCEEDED'],
    ]);
    expect(ctx.integrations.issues).toHaveLength(1);
    expect(await ctx.tasks.getTask(ctx.projectId, ctx.taskId)).toMatchObject({
      stage: 'ISSUE_CREATED',
      outbox: [],
    });
    const timeline = await ctx.tasks.listTimeline(ctx.projectId, ctx.taskId);
    expect(timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['effect.held', 'effect.released', 'issue.created']),
    );
    expect(ctx.logger.lines.map((l) => l.message)).toContain(
      'hold released at Record: the kill switch went off meanwhile',
    );
  });

  it('starts a held action once when three kill switch releases race', async () => {
    await ctx.stores.killSwitches.setKillSwitch({ projectId: ctx.projectId }, true, 'tester', new Date());
    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();
    await ctx.stores.killSwitches.setKillSwitch({ projectId: ctx.projectId }, false, 'tester', new Date());
    const { pipeline } = ctx;
    const deps = {
      killSwitches: ctx.stores.killSwitches,
      projects: ctx.projects,
      logger: ctx.logger,
      pipeline,
    };

    const released = await Promise.all([
      releaseHeldActions(ctx.projectId, deps),
      releaseHeldActions(ctx.projectId, deps),
      releaseHeldActions(ctx.projectId, deps),
    ]);
    await ctx.sfn.idle();

    expect(released.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(
      ctx.sfn
        .list()
        .map((e) => e.name)
        .sort(),
    ).toEqual([ctx.action.actionId, `${ctx.action.actionId}-r1`]);
    expect(ctx.integrations.issues).toHaveLength(1);
    expect((await ctx.tasks.getTask(ctx.projectId, ctx.taskId))?.outbox).toEqual([]);
  });

  it('posts a comment once when its first answer was lost and the state machine retried it', async () => {
    const commenting = await setUpActionMachine(db, {
      params: { kind: 'github.comment', repo: REPO, issueNumber: 7, body: 'CI failed.' },
    });
    commenting.integrations.fail({
      method: 'comment',
      times: 1,
      afterEffect: true,
      error: () => new TransientIntegrationError('502 after the comment was stored'),
    });

    await commenting.sfn.start(commenting.action);
    await commenting.sfn.idle();

    expect(commenting.integrations.calls.filter((c) => c.method === 'comment')).toHaveLength(2);
    expect([...commenting.integrations.commented]).toEqual([
      [`github:${commenting.action.actionId}`, 'CI failed.'],
    ]);
    expect(commenting.sfn.list()[0]?.status).toBe('SUCCEEDED');
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

  it('Evaluate → RecordDenied when no policy permits the effect: the task records the denial', async () => {
    const denied = await setUpActionMachine(db, {
      policy: '@id("nothing") forbid (principal, action, resource);',
    });
    await denied.sfn.start(denied.action);
    await denied.sfn.idle();
    const task = await denied.tasks.getTask(denied.projectId, denied.taskId);
    expect(denied.integrations.calls).toHaveLength(0);
    expect(task).toMatchObject({ stage: 'FAILED', outbox: [] });
    expect(task?.failureReason).toContain('deny (nothing; policy test)');
  });
});
