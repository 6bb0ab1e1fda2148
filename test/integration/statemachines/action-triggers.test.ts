import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionParams } from '#core/actions.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signBody } from '#lambdas/app/webhook-effects.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { setUpActionMachine } from '../../helpers/action-machine.js';
import { REPO } from '../../helpers/factories.js';

let db: Dynalite;
let sink: Server;
let sinkUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  db = await startDynalite();
  sink = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/n8n/ci-failed`;
});
afterAll(async () => {
  await new Promise((resolve) => sink.close(resolve));
  await db.stop();
});

const trigger = { id: 'ci-to-n8n', version: 3 };
const webhookParams = (): ActionParams => ({
  kind: 'http.post',
  url: sinkUrl,
  body: { task: 'Add dark mode', failing: ['build'] },
});

describe('action.asl.json: user trigger effects', () => {
  it('http.post: the webhook receives the JSON body signed with the trigger secret (HMAC-SHA256)', async () => {
    const ctx = await setUpActionMachine(db, {
      params: webhookParams(),
      requestedBy: { type: 'Trigger', id: trigger.id },
      trigger,
    });
    await ctx.triggerSecrets.put(ctx.projectId, trigger.id, 'n8n-shared-secret');
    received.length = 0;

    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();

    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(JSON.parse(delivery!.body)).toEqual({ task: 'Add dark mode', failing: ['build'] });
    expect(delivery!.headers[SIGNATURE_HEADER]).toBe(signBody(delivery!.body, 'n8n-shared-secret'));
    expect(delivery!.headers[DELIVERY_HEADER]).toBe(ctx.action.actionId);
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.find((e) => e.type === 'policy.decision')?.data).toMatchObject({
      outcome: 'allow',
      determiningPolicies: ['trigger-webhooks'],
    });
    expect(audit.find((e) => e.type === 'effect.recorded')?.data).toMatchObject({
      outcome: 'succeeded',
      result: { status: 202 },
    });
  });

  it('http.post without a trigger secret sends nothing and records the failure', async () => {
    const ctx = await setUpActionMachine(db, {
      params: webhookParams(),
      requestedBy: { type: 'Trigger', id: trigger.id },
      trigger,
    });
    received.length = 0;

    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();

    expect(received).toEqual([]);
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.find((e) => e.type === 'effect.recorded')?.data).toMatchObject({
      outcome: 'failed',
      error: { message: 'Trigger ci-to-n8n has no secret set' },
    });
  });

  it('fix forward waits for one approval by default policy, and creates no issue meanwhile', async () => {
    const ctx = await setUpActionMachine(db, { requestedBy: { type: 'Trigger', id: 'fix-forward' } });

    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();

    const pending = await ctx.stores.approvals.listPendingApprovals(ctx.projectId);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      requiredApprovals: 1,
      determiningPolicies: ['fix-forward-needs-approval', 'routine-writes'],
      requestedBy: { type: 'Trigger', id: 'fix-forward' },
    });
    expect(ctx.integrations.issues).toEqual([]);
  });

  it('workflow_dispatch to production waits for an approval; to staging it runs', async () => {
    const production = await setUpActionMachine(db, {
      params: {
        kind: 'github.workflow_dispatch',
        repo: REPO,
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: {},
        environment: 'production',
      },
    });
    await production.sfn.start(production.action);
    await production.sfn.idle();
    expect(await production.stores.approvals.listPendingApprovals(production.projectId)).toHaveLength(1);
    expect(production.integrations.calls.filter((c) => c.method === 'dispatch')).toEqual([]);

    const staging = await setUpActionMachine(db, {
      params: {
        kind: 'github.workflow_dispatch',
        repo: REPO,
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: { pr: 12 },
        environment: 'staging',
      },
    });
    await staging.sfn.start(staging.action);
    await staging.sfn.idle();
    expect(staging.integrations.calls.filter((c) => c.method === 'dispatch').map((c) => c.args)).toEqual([
      [{ repo: REPO, workflow: 'deploy.yml', ref: 'main', inputs: { pr: 12 } }],
    ]);
  });

  it('approve_workflow_run is denied by default and allowed for a trusted repo by the example policy', async () => {
    const params = { kind: 'github.approve_workflow_run', repo: 'acme/api', runId: 555 } as const;
    const byDefault = await setUpActionMachine(db, { params });
    await byDefault.sfn.start(byDefault.action);
    await byDefault.sfn.idle();
    expect(byDefault.integrations.calls.filter((c) => c.method === 'approveRun')).toEqual([]);

    const trusted = await setUpActionMachine(db, {
      params,
      policy: readFileSync('policies/examples/trusted-ci.cedar', 'utf8'),
    });
    await trusted.sfn.start(trusted.action);
    await trusted.sfn.idle();
    expect(trusted.integrations.calls.filter((c) => c.method === 'approveRun').map((c) => c.args)).toEqual([
      ['acme/api', 555],
    ]);
  });
});

describe('action.asl.json: a manual run without a task', () => {
  it('runs the effect and records it, with no task to change', async () => {
    const ctx = await setUpActionMachine(db);
    const run = {
      ...ctx.action,
      actionId: 'run-01JRUN0000000000000000001',
      taskId: 'run-01JRUN0000000000000000001',
      params: {
        kind: 'github.workflow_dispatch',
        repo: REPO,
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: {},
      },
      requestedBy: { type: 'User', id: 'u-ada' },
      trigger: { id: 'deploy', version: 1 },
    } satisfies typeof ctx.action;

    await ctx.sfn.start(run);
    await ctx.sfn.idle();

    expect(ctx.integrations.calls.filter((c) => c.method === 'dispatch')).toHaveLength(1);
    expect(ctx.sfn.list().find((e) => e.name === run.actionId)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await ctx.tasks.getTask(ctx.projectId, run.taskId)).toBeUndefined();
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.find((e) => e.subject === run.actionId && e.type === 'policy.decision')).toMatchObject({
      actor: 'user:u-ada',
    });
  });
});

describe('action.asl.json: daily budgets', () => {
  const policy = readFileSync('policies/examples/daily-budgets.cedar', 'utf8');
  const today = '2026-11-25';
  const seed = async (ctx: Awaited<ReturnType<typeof setUpActionMachine>>, issues: number) => {
    for (let i = 0; i < issues; i++)
      await ctx.stores.budgets.countEffect(ctx.projectId, today, `seed-${i}`, {
        issuesCreated: 1,
        agentRuns: 0,
      });
  };

  it('allows the 20th issue of the day and counts it once', async () => {
    const ctx = await setUpActionMachine(db, { policy });
    await seed(ctx, 19);

    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();

    expect(ctx.integrations.issues).toHaveLength(1);
    expect(await ctx.stores.budgets.budgets(ctx.projectId, today)).toEqual({
      issuesCreatedToday: 20,
      agentRunsToday: 0,
    });
  });

  it('denies the 21st issue of the day (issues-per-day) and creates nothing', async () => {
    const ctx = await setUpActionMachine(db, { policy });
    await seed(ctx, 20);

    await ctx.sfn.start(ctx.action);
    await ctx.sfn.idle();

    expect(ctx.integrations.issues).toEqual([]);
    const audit = await ctx.stores.audit.listChain(ctx.projectId);
    expect(audit.find((e) => e.type === 'policy.decision')?.data).toMatchObject({
      outcome: 'deny',
      determiningPolicies: ['issues-per-day'],
    });
    expect((await ctx.tasks.getTask(ctx.projectId, ctx.taskId))?.stage).toBe('FAILED');
  });
});
