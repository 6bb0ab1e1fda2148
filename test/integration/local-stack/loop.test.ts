import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskMarker } from '#core/task-spec.js';
import { runKillSwitchCli } from '../../../scripts/killswitch.js';
import { eventually } from '../../helpers/action-machine.js';
import { reached, startTestProduct, waitForTask } from '../../helpers/local-product.js';

let product: Awaited<ReturnType<typeof startTestProduct>>;

beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(async () => {
  await product.stop();
  product.cleanup();
});

function createAsanaTask(input: Record<string, unknown>): { gid: string } {
  return product.sandbox!.control.createTask({
    projectGid: product.demo!.asanaProjectGid,
    name: 'A task',
    autoTask: true,
    repo: 'acme/api',
    ...input,
  }) as { gid: string };
}

describe('the core loop on the local stack with the sandbox', () => {
  it('writes .autoflow/demo.json with the project, secrets and URLs', () => {
    const demo = JSON.parse(readFileSync(join(product.dataDir, 'demo.json'), 'utf8'));
    expect(demo).toMatchObject({
      projectId: product.demo!.projectId,
      baseUrl: product.stack.url,
      sandboxUrl: product.sandbox!.url,
    });
    expect(demo.githubWebhookSecret).toMatch(/^[0-9a-f]{48}$/);
    expect(demo.asanaWebhookSecret.length).toBeGreaterThan(0);
  });

  it('takes an AutoTask task to DEPLOYED and completes it in Asana', async () => {
    const { gid } = createAsanaTask({ name: 'Add a health endpoint' });
    // Completing the Asana task is an effect of its own, recorded a moment after DEPLOYED.
    const task = await waitForTask(product, gid, (t) => t.status === 'DEPLOYED' && t.outbox.length === 0);
    expect(task).toMatchObject({
      issue: { repo: 'acme/api' },
      pr: { number: expect.any(Number) },
      mergeSha: expect.any(String),
      completedByAutoFlow: true,
    });
    const issues = product.sandbox!.state.github.issues.filter((i) =>
      i.body.includes(taskMarker(task.taskId)),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body.trim().endsWith('/opencode implement')).toBe(true);
    expect(product.sandbox!.state.asana.tasks[gid]?.completed).toBe(true);
  });

  it('marks a task FAILED when CI on the merge commit fails, commenting on both sides', async () => {
    const { gid } = createAsanaTask({ name: 'Break the build', script: { agent: 'pr', ci: 'failure' } });
    const task = await waitForTask(product, gid, reached('FAILED'));
    await product.stack.settle();
    const { github, asana } = product.sandbox!.state;
    expect(
      github.comments.some((c) => c.repo === task.issue!.repo && c.issueNumber === task.issue!.number),
    ).toBe(true);
    expect(
      asana.stories.some((s) => s.taskGid === gid && s.type === 'comment' && s.createdBy === 'bot'),
    ).toBe(true);
    expect(asana.tasks[gid]?.completed).toBe(false);
  });

  it('waits in NEEDS_REPO without an issue until the Repo field is set', async () => {
    const { gid } = createAsanaTask({
      name: 'No repo yet',
      repo: null,
      script: { agent: 'none', ci: 'success' },
    });
    const waiting = await waitForTask(product, gid, reached('NEEDS_REPO'));
    expect(waiting.issue).toBeUndefined();
    product.sandbox!.control.updateTask(gid, { repo: 'acme/web' });
    const created = await waitForTask(product, gid, (t) => t.issue !== undefined);
    expect(created.issue?.repo).toBe('acme/web');
  });

  it('labels and comments the issue when AutoTask is turned off, and removes the label when it is on again', async () => {
    const { gid } = createAsanaTask({ name: 'Toggle me', script: { agent: 'none', ci: 'success' } });
    const withIssue = await waitForTask(product, gid, (t) => t.issue !== undefined);
    product.sandbox!.control.updateTask(gid, { autoTask: false });
    await waitForTask(
      product,
      gid,
      (t) => t.status === 'AUTO_DISABLED' && t.autoDisabledLabel && t.outbox.length === 0,
    );
    const issue = () =>
      product.sandbox!.state.github.issues.find(
        (i) => i.repo === withIssue.issue!.repo && i.number === withIssue.issue!.number,
      )!;
    expect(issue().labels).toContain('autoflow:disabled');
    product.sandbox!.control.updateTask(gid, { autoTask: true });
    await waitForTask(
      product,
      gid,
      (t) => t.status === 'ISSUE_CREATED' && !t.autoDisabledLabel && t.outbox.length === 0,
    );
    expect(issue().labels).not.toContain('autoflow:disabled');
  });

  it('closes the issue as not planned when the task is cancelled in Asana, once someone approves (default policy)', async () => {
    const { gid } = createAsanaTask({ name: 'Cancel me', script: { agent: 'none', ci: 'success' } });
    const task = await waitForTask(product, gid, (t) => t.issue !== undefined);
    product.sandbox!.control.updateTask(gid, { status: 'Cancelled' });
    const { projectId } = product.demo!;
    const approval = await eventually(async () =>
      (await product.stack.approvals.listPending(projectId)).find((a) => a.taskId === task.taskId),
    );
    expect(approval.preview).toMatchObject({
      kind: 'github.close_issue',
      target: `${task.issue!.repo}#${task.issue!.number}`,
    });
    expect(
      product.sandbox!.state.github.issues.find(
        (i) => i.number === task.issue!.number && i.repo === task.issue!.repo,
      )?.state,
    ).toBe('open');
    await product.stack.approvals.decide({
      projectId,
      approvalId: approval.approvalId,
      decision: 'approve',
      reason: 'cancelled in Asana',
      by: { userId: 'lead', role: 'editor' },
    });
    await waitForTask(product, gid, (t) => t.status === 'CANCELLED' && t.issueClosed);
    const issue = product.sandbox!.state.github.issues.find(
      (i) => i.number === task.issue!.number && i.repo === task.issue!.repo,
    )!;
    expect([issue.state, issue.stateReason]).toEqual(['closed', 'not_planned']);
  });
});

describe('restarts', () => {
  it('keeps state and finishes work after the process restarts', async () => {
    const port = await freePort();
    // The agent's PR is still scheduled when the process stops: the sandbox keeps it, and so do we.
    const first = await startTestProduct({ port, agentDelayMs: 1500 });
    const gid = (
      first.sandbox!.control.createTask({
        projectGid: first.demo!.asanaProjectGid,
        name: 'Survive a restart',
        autoTask: true,
        repo: 'acme/api',
      }) as { gid: string }
    ).gid;
    await waitForTask(first, gid, (t) => t.issue !== undefined && t.outbox.length === 0);
    await first.stop();
    expect(existsSync(join(first.dataDir, 'queue.json'))).toBe(true);
    const second = await startTestProduct({ port, dataDir: first.dataDir });
    try {
      expect(second.demo!.projectId).toBe(first.demo!.projectId);
      const task = await waitForTask(second, gid, reached('DEPLOYED'));
      expect(
        second.sandbox!.state.github.issues.filter((i) => i.body.includes(taskMarker(task.taskId))),
      ).toHaveLength(1);
    } finally {
      await second.stop();
      second.cleanup();
    }
  });
});

describe('a kill switch turned off while the runtime is down', () => {
  it('is set offline, and the held work is released and completes when the runtime starts', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const cli = { print: (l: string) => void lines.push(l) };
    const first = await startTestProduct({ port });
    const options = { ...cli, dataDir: first.dataDir };
    expect(await runKillSwitchCli(['on', '--project', 'demo', '--as', 'ops'], options)).toBe(0);
    const gid = (
      first.sandbox!.control.createTask({
        projectGid: first.demo!.asanaProjectGid,
        name: 'Held across a restart',
        autoTask: true,
        repo: 'acme/api',
      }) as { gid: string }
    ).gid;
    const held = await waitForTask(
      first,
      gid,
      (t) => t.outbox.length > 0 && t.outbox.every((a) => a.heldReason),
    );
    await first.stack.settle();
    await first.stop();

    expect(await runKillSwitchCli(['off', '--project', 'demo', '--as', 'ops'], options)).toBe(0);
    expect(lines.at(-1)).toBe(
      'kill switch (project demo) off; held actions are released when the runtime starts',
    );
    const second = await startTestProduct({ port, dataDir: first.dataDir });
    try {
      const task = await waitForTask(second, gid, reached('DEPLOYED'));
      expect(task.taskId).toBe(held.taskId);
      expect(
        second.sandbox!.state.github.issues.filter((i) => i.body.includes(taskMarker(task.taskId))),
      ).toHaveLength(1);
    } finally {
      await second.stop();
      second.cleanup();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
