import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reached, startTestProduct, waitForTask } from '../../helpers/local-product.js';

let product: Awaited<ReturnType<typeof startTestProduct>>;

beforeAll(async () => {
  // The agent waits long enough for the test to switch GitHub's hooks off after the issue is recorded
  // (recording now also audits the effect, which takes a few milliseconds more).
  product = await startTestProduct({ env: { RECONCILE_STALE_MS: '0' }, agentDelayMs: 400 });
});
afterAll(async () => {
  await product.stop();
  product.cleanup();
});

describe('reconciliation on the local stack', () => {
  it('takes a task to DEPLOYED when every GitHub webhook after the issue is lost', async () => {
    const sandbox = product.sandbox!;
    const gid = (
      sandbox.control.createTask({
        projectGid: product.demo!.asanaProjectGid,
        name: 'No webhooks',
        autoTask: true,
        repo: 'acme/web',
      }) as { gid: string }
    ).gid;
    await waitForTask(product, gid, (t) => t.issue !== undefined && t.outbox.length === 0);
    // GitHub stops delivering: the hooks of the repo are switched off.
    for (const hook of sandbox.state.github.hooks) hook.active = false;
    const deadline = Date.now() + 10_000;
    while (
      !sandbox.state.github.runs.some((r) => r.repo === 'acme/web' && r.status === 'completed') &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = await waitForTask(product, gid, () => true);
    expect(before.status).toBe('ISSUE_CREATED');

    await product.stack.reconcileNow();
    await product.stack.settle();

    const task = await waitForTask(product, gid, reached('DEPLOYED'));
    expect(task).toMatchObject({
      pr: { number: expect.any(Number) },
      mergeSha: expect.any(String),
      completedByAutoFlow: true,
    });
    expect(sandbox.state.asana.tasks[gid]?.completed).toBe(true);
    for (const hook of sandbox.state.github.hooks) hook.active = true;
  });
});

describe('reconciliation of lost Asana webhooks', () => {
  it('backfills an AutoTask task whose Asana webhook was lost and takes it to DEPLOYED', async () => {
    const sandbox = product.sandbox!;
    sandbox.control.setChaos({ webhooks: { asana: { drop: 1, dropAs: 'silent' } } });
    const gid = (
      sandbox.control.createTask({
        projectGid: product.demo!.asanaProjectGid,
        name: 'Unheard of',
        autoTask: true,
        repo: 'acme/api',
      }) as { gid: string }
    ).gid;
    await sandbox.control.idle();
    expect(
      await product.stack.stores.tasks.findTaskId(product.demo!.projectId, { kind: 'asana', gid }),
    ).toBeUndefined();
    sandbox.control.clearChaos();

    await product.stack.reconcileNow();

    const task = await waitForTask(product, gid, reached('DEPLOYED'));
    expect(task.issue?.repo).toBe('acme/api');
  });
});
