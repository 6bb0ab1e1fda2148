import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApprovalAlreadyDecidedError,
  ApprovalExpiredError,
  ApprovalForbiddenError,
} from '#core/approval/errors.js';
import { decideApproval } from '#lambdas/app/decide-approval.js';
import { setKillSwitch } from '#lambdas/app/set-kill-switch.js';
import { APPROVE_CREATE_ISSUE, eventually, setUpActionMachine } from '../../helpers/action-machine.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { REPO } from '../../helpers/factories.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

type Ctx = Awaited<ReturnType<typeof setUpActionMachine>>;

function decide(
  ctx: Ctx,
  decision: 'approve' | 'reject',
  userId: string,
  reason = '',
  role: 'editor' | 'admin' | 'viewer' = 'editor',
) {
  return decideApproval(
    { projectId: ctx.projectId, approvalId: ctx.action.actionId, decision, reason, by: { userId, role } },
    {
      approvals: ctx.stores.approvals,
      tasks: ctx.tasks,
      taskTokens: ctx.taskTokens,
      audit: ctx.stores.audit,
      clock: ctx.clock,
    },
  );
}

async function pending(ctx: Ctx) {
  return eventually(async () => {
    const approval = await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId);
    return approval?.status === 'pending' && ctx.sfn.waitingForTokens() > 0 ? approval : undefined;
  });
}

describe('the approval branch of action.asl.json', () => {
  it('RequestApproval: stores the exact effect preview, waits, and creates no issue', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE });
    await ctx.sfn.start(ctx.action);
    const approval = await pending(ctx);
    await ctx.sfn.idle();

    expect(approval).toMatchObject({
      approvalId: ctx.action.actionId,
      requiredApprovals: 1,
      determiningPolicies: ['create-issue-needs-approval'],
      requestedBy: { type: 'Trigger', id: 'core-loop' },
      preview: {
        kind: 'github.create_issue',
        repo: REPO,
        title: 'Add dark mode',
        body: 'spec <!-- m -->',
        labels: ['autoflow'],
        target: REPO,
      },
      escalated: false,
      votes: [],
    });
    expect(await ctx.stores.approvals.listPendingApprovals(ctx.projectId)).toHaveLength(1);
    expect(ctx.integrations.calls).toHaveLength(0);
    expect(ctx.sfn.list()[0]?.status).toBe('RUNNING');
    ctx.sfn.stop();
  });

  it('a kill switch turned on while the approval waited holds the approved effect; off, it runs once', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE });
    await ctx.sfn.start(ctx.action);
    await pending(ctx);
    await ctx.stores.killSwitches.setKillSwitch({ projectId: ctx.projectId }, true, 'ops', ctx.clock.now());

    await decide(ctx, 'approve', 'alice', 'looks right');
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');
    const held = await ctx.tasks.getTask(ctx.projectId, ctx.taskId);
    await setKillSwitch(
      { projectId: ctx.projectId, on: false, by: 'ops' },
      {
        killSwitches: ctx.stores.killSwitches,
        projects: ctx.projects,
        audit: ctx.stores.audit,
        clock: ctx.clock,
        logger: ctx.logger,
        pipeline: ctx.pipeline,
      },
    );
    await eventually(
      async () => ctx.sfn.list().every((e) => e.status === 'SUCCEEDED') && ctx.sfn.list().length === 2,
    );

    expect(held?.outbox).toEqual([
      expect.objectContaining({ heldReason: 'project kill switch is on (after policy allowed it)' }),
    ]);
    expect(ctx.integrations.issues).toHaveLength(1);
    expect(await ctx.tasks.getTask(ctx.projectId, ctx.taskId)).toMatchObject({
      stage: 'ISSUE_CREATED',
      outbox: [],
    });
    const audit = (await ctx.stores.audit.listChain(ctx.projectId)).map((e) => e.type);
    expect(audit.filter((t) => t === 'token.minted')).toHaveLength(1);
  });

  it('ApprovalGranted: approving completes the effect and leaves the pending list', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE });
    await ctx.sfn.start(ctx.action);
    await pending(ctx);

    const decided = await decide(ctx, 'approve', 'alice', 'looks right');
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');

    expect(decided).toMatchObject({
      status: 'approved',
      decidedBy: [{ userId: 'alice', role: 'editor' }],
      reason: 'looks right',
    });
    expect(ctx.integrations.issues).toHaveLength(1);
    expect((await ctx.tasks.getTask(ctx.projectId, ctx.taskId))?.stage).toBe('ISSUE_CREATED');
    expect(await ctx.stores.approvals.listPendingApprovals(ctx.projectId)).toEqual([]);
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.map((e) => e.type)).toEqual([
      'policy.decision',
      'approval.requested',
      'approval.decided',
      'token.minted',
      'effect.recorded',
    ]);
    expect(audit[3]?.data).toMatchObject({ approvalId: ctx.action.actionId });
  });

  it('ApprovalRejected: records the rejection and creates no issue', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE });
    await ctx.sfn.start(ctx.action);
    await pending(ctx);

    await decide(ctx, 'reject', 'bob', 'not this sprint');
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');

    expect(ctx.integrations.calls).toHaveLength(0);
    const task = await ctx.tasks.getTask(ctx.projectId, ctx.taskId);
    expect(task).toMatchObject({ stage: 'FAILED', outbox: [] });
    const messages = (await ctx.tasks.listTimeline(ctx.projectId, ctx.taskId)).map((e) => e.message);
    expect(messages).toContain(
      `bob (editor) rejected Create issue "Add dark mode" in ${REPO}: not this sprint`,
    );
    expect(messages).toContain('github.create_issue denied: rejected by bob (editor): not this sprint');
  });

  it('answers a second click, a low role and a late decision clearly, changing nothing', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE });
    await ctx.sfn.start(ctx.action);
    await pending(ctx);

    await expect(decide(ctx, 'approve', 'vera', '', 'viewer')).rejects.toBeInstanceOf(ApprovalForbiddenError);
    await decide(ctx, 'approve', 'alice');
    await expect(decide(ctx, 'approve', 'alice')).rejects.toBeInstanceOf(ApprovalAlreadyDecidedError);
    await expect(decide(ctx, 'reject', 'bob')).rejects.toThrow(/already approved/);
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');
    expect(ctx.integrations.issues).toHaveLength(1);
    const approval = await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId);
    expect(approval?.votes.map((v) => v.userId)).toEqual(['alice']);
  });

  it('needs two different approvers, neither the requester, when the policy asks two', async () => {
    const ctx = await setUpActionMachine(db, {
      policy: '@id("two") @approvals("2") permit (principal, action, resource);',
      requestedBy: { type: 'User', id: 'rita' },
    });
    await ctx.sfn.start(ctx.action);
    await pending(ctx);

    await expect(decide(ctx, 'approve', 'rita')).rejects.toThrow(/requester may not approve/);
    const first = await decide(ctx, 'approve', 'alice');
    await expect(decide(ctx, 'approve', 'alice')).rejects.toThrow(/already decided/);
    expect(first.status).toBe('pending');
    expect(ctx.integrations.calls).toHaveLength(0);
    const second = await decide(ctx, 'approve', 'carol', 'ok', 'admin');
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');

    expect(second).toMatchObject({
      status: 'approved',
      decidedBy: [{ userId: 'alice' }, { userId: 'carol' }],
    });
    expect(ctx.integrations.issues).toHaveLength(1);
  });

  it('Escalate: a first timeout escalates and notifies, a second rejects as expired', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE, taskTokenTimeoutMs: 150 });
    await ctx.sfn.start(ctx.action);
    const escalated = await eventually(async () => {
      const a = await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId);
      // The notification follows the escalation's save.
      return a?.escalated && ctx.notified.length > 0 ? a : undefined;
    });
    expect((await ctx.stores.approvals.listPendingApprovals(ctx.projectId))[0]?.escalated).toBe(true);
    expect(ctx.notified[0]?.subject).toContain('Approval escalated');
    expect(escalated.status).toBe('pending');

    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');
    ctx.clock.advance(60_000);
    const approval = await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId);
    expect(approval?.status).toBe('expired');
    expect(ctx.integrations.calls).toHaveLength(0);
    expect((await ctx.tasks.getTask(ctx.projectId, ctx.taskId))?.failureReason).toContain('approval expired');
    await expect(decide(ctx, 'approve', 'alice')).rejects.toBeInstanceOf(ApprovalAlreadyDecidedError);
  });

  it('Escalate: a decision during the escalated wait still completes the effect', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE, taskTokenTimeoutMs: 300 });
    await ctx.sfn.start(ctx.action);
    await eventually(
      async () => (await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId))?.escalated,
    );
    await decide(ctx, 'approve', 'alice', 'sorry for the wait');
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');
    expect(ctx.integrations.issues).toHaveLength(1);
  });

  it('answers a decision on an escalated approval whose wait is over as expired', async () => {
    const ctx = await setUpActionMachine(db, { policy: APPROVE_CREATE_ISSUE, taskTokenTimeoutMs: 100 });
    await ctx.sfn.start(ctx.action);
    await eventually(
      async () => (await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId))?.escalated,
    );
    ctx.clock.advance(2 * 24 * 3600 * 1000);
    await expect(decide(ctx, 'approve', 'alice')).rejects.toBeInstanceOf(ApprovalExpiredError);
    await eventually(async () => ctx.sfn.list()[0]?.status === 'SUCCEEDED');
    expect(ctx.integrations.calls).toHaveLength(0);
  });

  it('survives a restart: the resumed execution re-enters the wait with the stored approval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-restart-'));
    const file = join(dir, 'executions.json');
    const first = await setUpActionMachine(db, {
      policy: APPROVE_CREATE_ISSUE,
      file,
      signingDir: join(dir, 'keys'),
    });
    await first.sfn.start(first.action);
    const before = await pending(first);
    first.sfn.stop();

    const second = await setUpActionMachine(db, {
      policy: APPROVE_CREATE_ISSUE,
      file,
      signingDir: join(dir, 'keys'),
      projectId: first.projectId,
      createProject: false,
    });
    const ctx = { ...second, action: first.action, taskId: first.taskId };
    expect(second.sfn.resume()).toBe(1);
    const after = await eventually(async () => {
      const a = await ctx.stores.approvals.getApproval(ctx.projectId, ctx.action.actionId);
      return a && a.taskToken !== before.taskToken && second.sfn.waitingForTokens() > 0 ? a : undefined;
    });
    expect(after).toMatchObject({ status: 'pending', requestedAt: before.requestedAt, votes: [] });

    await decide(ctx, 'approve', 'alice');
    await eventually(async () => second.sfn.list()[0]?.status === 'SUCCEEDED');
    expect(second.integrations.issues).toHaveLength(1);
  });

  it('a decision taken while the runner is down is picked up when the execution comes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-offline-'));
    const file = join(dir, 'executions.json');
    const first = await setUpActionMachine(db, {
      policy: APPROVE_CREATE_ISSUE,
      file,
      signingDir: join(dir, 'keys'),
    });
    await first.sfn.start(first.action);
    await pending(first);
    first.sfn.stop();
    await decide(first, 'approve', 'alice', 'offline');

    const second = await setUpActionMachine(db, {
      policy: APPROVE_CREATE_ISSUE,
      file,
      signingDir: join(dir, 'keys'),
      projectId: first.projectId,
      createProject: false,
    });
    second.sfn.resume();
    await eventually(async () => second.sfn.list()[0]?.status === 'SUCCEEDED');
    expect(second.integrations.issues).toHaveLength(1);
  });
});
