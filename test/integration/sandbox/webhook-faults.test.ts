import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChaosInput, ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { githubEventOf, startReceiver, type ReceivedRequest, type Receiver } from './receiver.js';
import { asana, github, startTestSandbox } from './sandbox-client.js';

const opened = (r: ReceivedRequest): boolean => r.path === '/gh' && githubEventOf(r) === 'issues.opened';
const titleOf = (r: ReceivedRequest): string =>
  (JSON.parse(r.body) as { issue: { title: string } }).issue.title;

describe('sandbox webhook fault injection', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let project: ProjectSummary;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    project = sandbox.control.createProject({ name: 'Roadmap' });
    receiver.respondWith(200);
    sandbox.control.registerHook({ repo: 'acme/web', url: `${receiver.url}/gh`, events: ['issues'] });
    await sandbox.control.idle();
    receiver.requests.length = 0;
  });
  afterEach(() => sandbox.stop());
  afterAll(() => receiver.stop());

  async function openIssues(n: number, chaos?: ChaosInput): Promise<void> {
    if (chaos) sandbox.control.setChaos(chaos);
    for (let i = 0; i < n; i += 1)
      await github(sandbox, '/repos/acme/web/issues', { body: { title: `t${i}` } });
    await sandbox.control.idle();
  }

  async function subscribeAsana(): Promise<string> {
    const res = await asana<{ data: { gid: string } }>(sandbox, '/webhooks', {
      body: { data: { resource: project.gid, target: `${receiver.url}/asana` } },
    });
    expect(res.status).toBe(201);
    return res.body.data.gid;
  }

  it('loses every delivery at a drop rate of 1: the sender sees timeouts, nothing arrives', async () => {
    await openIssues(3, { webhooks: { github: { drop: 1 } } });

    const attempts = sandbox.state.deliveries.filter((d) => d.event === 'issues.opened');
    expect(receiver.requests.filter(opened)).toEqual([]);
    expect(attempts).toHaveLength(3);
    expect(attempts.every((d) => !d.ok && d.status === null && /timed out/.test(d.error ?? ''))).toBe(true);
    expect(sandbox.state.github.hooks[0]?.lastResponse).toMatchObject({ status: 'failed' });
    expect(sandbox.control.faults().counts).toEqual({ 'github.webhook.dropped': 3 });
  });

  it('loses deliveries silently when asked: no attempt recorded, only the fault', async () => {
    await openIssues(2, { webhooks: { github: { drop: 1, dropAs: 'silent' } } });

    expect(receiver.requests.filter(opened)).toEqual([]);
    expect(sandbox.state.deliveries.filter((d) => d.event === 'issues.opened')).toEqual([]);
    expect(sandbox.control.faults().log).toEqual([
      expect.objectContaining({ kind: 'webhook.dropped', event: 'issues.opened', source: 'rate' }),
      expect.objectContaining({ kind: 'webhook.dropped', event: 'issues.opened' }),
    ]);
  });

  it('loses about the configured fraction, and exactly the ones it records', async () => {
    await openIssues(40, { seed: 11, webhooks: { github: { drop: 0.4 } } });

    const arrived = receiver.requests.filter(opened).map(titleOf);
    const dropped = sandbox.control.faults().log.map((f) => f.deliveryId);
    const lost = sandbox.state.deliveries.filter((d) => d.event === 'issues.opened' && !d.ok);
    expect(arrived.length + dropped.length).toBe(40);
    expect(dropped.length).toBeGreaterThan(6);
    expect(dropped.length).toBeLessThan(26);
    expect(lost.map((d) => d.deliveryId).sort()).toEqual([...dropped].sort());
  });

  it('loses the same deliveries again with the same seed', async () => {
    await openIssues(20, { seed: 'repeat', webhooks: { github: { drop: 0.5 } } });
    const first = receiver.requests.filter(opened).map(titleOf);
    await sandbox.stop();
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    receiver.requests.length = 0;
    sandbox.control.registerHook({ repo: 'acme/web', url: `${receiver.url}/gh`, events: ['issues'] });

    await openIssues(20, { seed: 'repeat', webhooks: { github: { drop: 0.5 } } });

    expect(receiver.requests.filter(opened).map(titleOf).sort()).toEqual([...first].sort());
  });

  it('delivers a duplicated GitHub delivery three times with the same X-GitHub-Delivery and body', async () => {
    await openIssues(1, { webhooks: { github: { duplicate: 1 } } });

    const copies = receiver.requests.filter(opened);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((r) => r.headers['x-github-delivery'])).size).toBe(1);
    expect(new Set(copies.map((r) => r.body)).size).toBe(1);
    expect(new Set(copies.map((r) => r.headers['x-hub-signature-256'])).size).toBe(1);
    expect(sandbox.state.deliveries.filter((d) => d.event === 'issues.opened').map((d) => d.copy)).toEqual(
      expect.arrayContaining([1, 2, 3]),
    );
    expect(sandbox.control.faults().log).toEqual([
      expect.objectContaining({ kind: 'webhook.duplicated', count: 3 }),
    ]);
  });

  it('delivers a duplicated Asana delivery three times with the same body and signature', async () => {
    await subscribeAsana();
    sandbox.control.setChaos({ webhooks: { asana: { duplicate: 1, copies: 3 } } });

    sandbox.control.createTask({ projectGid: project.gid, name: 'Twice', autoTask: true });
    await sandbox.control.idle();

    const copies = receiver.requests.filter((r) => r.path === '/asana' && !r.headers['x-hook-secret']);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((r) => `${r.body}|${r.headers['x-hook-signature']}`)).size).toBe(1);
    expect(sandbox.control.faults().counts).toEqual({ 'asana.webhook.duplicated': 1 });
  });

  it('delays deliveries by an amount drawn from the range, and idle() waits for them', async () => {
    sandbox.control.setChaos({ webhooks: { github: { delayMs: [150, 250] } } });
    const started = Date.now();

    await openIssues(2);

    const arrived = receiver.requests.filter(opened);
    expect(arrived).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const delays = sandbox.control.faults().log.map((f) => f.delayMs ?? -1);
    expect(delays).toHaveLength(2);
    expect(delays.every((ms) => ms >= 150 && ms <= 250)).toBe(true);
  });

  it('holds deliveries for the window and sends them in a shuffled order', async () => {
    sandbox.control.setChaos({
      seed: 5,
      webhooks: { github: { reorderWindowMs: 400, events: ['issues.opened'] } },
    });

    const titles = ['t0', 't1', 't2', 't3', 't4', 't5'];
    for (const title of titles) await github(sandbox, '/repos/acme/web/issues', { body: { title } });
    const pendingWhileHeld = receiver.requests.filter(opened).length;
    await sandbox.control.idle();

    const order = receiver.requests.filter(opened).map(titleOf);
    expect(pendingWhileHeld).toBe(0);
    expect([...order].sort()).toEqual(titles);
    expect(order).not.toEqual(titles);
    expect(sandbox.control.faults().log).toEqual([
      expect.objectContaining({ kind: 'webhook.reordered', count: 6 }),
    ]);
  });

  it('applies faults only to the events named', async () => {
    await openIssues(0, { webhooks: { github: { drop: 1, events: ['issues.labeled'] } } });

    await github(sandbox, '/repos/acme/web/issues', { body: { title: 'labelled', labels: ['bug'] } });
    await sandbox.control.idle();

    expect(receiver.requests.filter((r) => r.path === '/gh').map(githubEventOf)).toEqual(['issues.opened']);
    expect(sandbox.control.faults().log).toEqual([expect.objectContaining({ event: 'issues.labeled' })]);
  });

  it('deletes an Asana webhook after the configured failures in a row, as Asana does', async () => {
    const gid = await subscribeAsana();
    sandbox.control.setChaos({ webhooks: { asana: { drop: 1, deleteAfterFailures: 2 } } });

    sandbox.control.createTask({ projectGid: project.gid, name: 'one', autoTask: true });
    await sandbox.control.idle();
    const afterOne = sandbox.state.asana.webhooks.map((h) => h.gid);
    sandbox.control.createTask({ projectGid: project.gid, name: 'two', autoTask: true });
    await sandbox.control.idle();
    const listed = await asana<{ data: unknown[] }>(
      sandbox,
      `/webhooks?workspace=${project.workspaceGid}&resource=${project.gid}`,
    );

    expect(afterOne).toEqual([gid]);
    expect(listed.body.data).toEqual([]);
    expect(sandbox.control.faults().counts).toEqual({
      'asana.webhook.dropped': 2,
      'asana.webhook.deleted': 1,
    });
  });

  it('keeps the chaos config across a restart with the same state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-chaos-')), 'state.json');
    await sandbox.stop();
    sandbox = await startTestSandbox({
      persistFile: file,
      chaos: { seed: 9, webhooks: { github: { drop: 1 } } },
    });
    await sandbox.stop();

    sandbox = await startTestSandbox({ persistFile: file });

    expect(sandbox.control.getChaos()).toMatchObject({ seed: 9, webhooks: { github: { drop: 1 } } });
  });
});
