import { readFileSync } from 'node:fs';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskMarker } from '#core/task-spec.js';
import { runApprovalsCli } from '../../../scripts/approvals.js';
import { runAuditVerifyCli } from '../../../scripts/audit-verify.js';
import { runKillSwitchCli } from '../../../scripts/killswitch.js';
import { auditTableOf } from '../../../scripts/local/action-machine.js';
import { startLocalDynamoDB } from '../../../scripts/local/local-dynamodb.js';
import { eventually } from '../../helpers/action-machine.js';
import { startTestProduct, waitForTask } from '../../helpers/local-product.js';

let product: Awaited<ReturnType<typeof startTestProduct>>;
const lines: string[] = [];
const cli = { print: (l: string) => void lines.push(l) };

beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(async () => {
  await product.stop().catch(() => undefined);
  product.cleanup();
});

function createAsanaTask(name: string): string {
  return (
    product.sandbox!.control.createTask({
      projectGid: product.demo!.asanaProjectGid,
      name,
      autoTask: true,
      repo: 'acme/web',
    }) as { gid: string }
  ).gid;
}

const issuesFor = (taskId: string) =>
  product.sandbox!.state.github.issues.filter((i) => i.body.includes(taskMarker(taskId)));

describe('policy, approvals, kill switch and audit on the local stack', () => {
  it('kill switch on: receivers still record, no effect runs; off: the held work completes', async () => {
    const options = { ...cli, dataDir: product.dataDir };
    expect(await runKillSwitchCli(['on', '--project', 'demo', '--as', 'ops'], options)).toBe(0);
    const gids = [createAsanaTask('Held 1'), createAsanaTask('Held 2'), createAsanaTask('Held 3')];
    const held = await Promise.all(
      gids.map((gid) =>
        waitForTask(product, gid, (t) => t.outbox.length > 0 && t.outbox.every((a) => a.heldReason)),
      ),
    );
    await product.stack.settle();
    expect(held.flatMap((t) => issuesFor(t.taskId))).toEqual([]);
    expect(held.map((t) => t.status)).toEqual(['RECEIVED', 'RECEIVED', 'RECEIVED']);

    expect(await runKillSwitchCli(['off', '--project', 'demo', '--as', 'ops'], options)).toBe(0);
    expect(lines.at(-1)).toContain('3 held action(s) released');
    for (const gid of gids)
      await waitForTask(product, gid, (t) => t.status === 'DEPLOYED' && t.outbox.length === 0);
    expect(held.map((t) => issuesFor(t.taskId).length)).toEqual([1, 1, 1]);
  });

  it('a policy asking approval for new issues leaves approvals pending and no issue; approving completes the loop', async () => {
    const { projectId } = product.demo!;
    await product.stack.savePolicySet({
      projectId,
      text: readFileSync('policies/examples/approve-create-issue.cedar', 'utf8'),
      by: 'user:lead',
    });
    const gids = [createAsanaTask('Gated 1'), createAsanaTask('Gated 2')];
    await eventually(async () => (await product.stack.approvals.listPending(projectId)).length === 2, 10_000);
    await product.stack.settle();
    const tasks = await Promise.all(gids.map((gid) => waitForTask(product, gid, () => true)));
    expect(tasks.flatMap((t) => issuesFor(t.taskId))).toEqual([]);

    lines.length = 0;
    expect(await runApprovalsCli(['list', '--project', 'demo'], { ...cli, dataDir: product.dataDir })).toBe(
      0,
    );
    expect(lines.at(-1)).toBe('2 pending approval(s)');
    const code = await runApprovalsCli(
      ['approve', '--project', 'demo', '--all', '--reason', 'ship it', '--as', 'lead'],
      {
        ...cli,
        dataDir: product.dataDir,
      },
    );
    expect(code).toBe(0);
    for (const gid of gids)
      await waitForTask(product, gid, (t) => t.status === 'DEPLOYED' && t.outbox.length === 0);
    expect(tasks.map((t) => issuesFor(t.taskId).length)).toEqual([1, 1]);
  });

  it('rejecting leaves no issue and a timeline entry saying who rejected and why; a second click is refused', async () => {
    const { projectId } = product.demo!;
    const gid = createAsanaTask('Gated 3');
    const approval = await eventually(
      async () => (await product.stack.approvals.listPending(projectId))[0],
      10_000,
    );
    const options = { ...cli, dataDir: product.dataDir };
    expect(
      await runApprovalsCli(
        [
          'reject',
          '--project',
          'demo',
          '--id',
          approval.approvalId,
          '--reason',
          'out of scope',
          '--as',
          'lead',
        ],
        options,
      ),
    ).toBe(0);
    const task = await waitForTask(product, gid, (t) => t.status === 'FAILED' && t.outbox.length === 0);
    expect(issuesFor(task.taskId)).toEqual([]);
    const timeline = await product.stack.stores.tasks.listTimeline(projectId, task.taskId);
    expect(timeline.map((e) => e.message)).toContain(
      'github.create_issue denied: rejected by lead (admin): out of scope',
    );
    expect(
      await runApprovalsCli(
        ['approve', '--project', 'demo', '--id', approval.approvalId, '--as', 'other'],
        options,
      ),
    ).toBe(1);
    expect(lines.at(-1)).toContain('already rejected');
  });

  it('audit:verify is clean after the run and names the first broken entry after tampering', async () => {
    await product.stack.settle();
    await product.stop();
    const options = { ...cli, dataDir: product.dataDir };
    lines.length = 0;
    expect(await runAuditVerifyCli(['--project', 'demo'], options)).toBe(0);
    expect(lines.at(-1)).toMatch(/intact, \d+ entries/);

    const dynamo = await startLocalDynamoDB({ path: `${product.dataDir}/dynamodb` });
    const TableName = auditTableOf(dynamo.tableName);
    const { Items = [] } = await dynamo.doc.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CHAIN#${product.demo!.projectId}` },
      }),
    );
    await dynamo.doc.send(new PutCommand({ TableName, Item: { ...Items[4]!, actor: 'user:mallory' } }));
    await dynamo.stop();
    expect(await runAuditVerifyCli(['--project', 'demo'], options)).toBe(1);
    expect(lines.at(-1)).toContain('BROKEN at entry 5');
  });
});
