import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedDefaultPolicies } from '#adapters/cedar/shipped-policies.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { FUNNEL_STAGES } from '#core/analytics/progress.js';
import { exampleTriggerDefinition } from '#lambdas/api/v1/trigger-examples.js';
import { createApiToken } from '#lambdas/app/manage-api-tokens.js';
import { reached, startTestProduct, waitForTask } from '../../helpers/local-product.js';
import { DocumentValidator } from '../api/v1/document-validator.js';

let product: Awaited<ReturnType<typeof startTestProduct>>;
let secret: string;
let doc: DocumentValidator;

beforeAll(async () => {
  product = await startTestProduct();
  ({ secret } = await createApiToken(
    {
      projectId: product.demo!.projectId,
      request: { name: 'local test', role: 'admin' },
      creator: { id: 'user:test', role: 'admin' },
    },
    {
      apiTokens: product.stack.console.apiTokens,
      audit: product.stack.actions.stores.audit,
      clock: systemClock,
      ids: ulidIds(systemClock),
      randomBytes: () => randomBytes(32),
    },
  ));
  doc = new DocumentValidator(
    (await (await fetch(`${product.stack.url}/api/v1/openapi.json`)).json()) as object,
  );
});
afterAll(async () => {
  await product.stop().catch(() => undefined);
  product.cleanup();
});

async function api(method: string, path: string, operationId: string, body?: unknown) {
  const res = await fetch(`${product.stack.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secret}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  expect(doc.checkResponse(operationId, { status: res.status, headers: res.headers, json })).toEqual([]);
  return { status: res.status, json: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read fields freely
}

describe('/api/v1 on the local stack', () => {
  it('serves the project, its tasks and their timeline to a project token over HTTP', async () => {
    const { gid } = product.sandbox!.control.createTask({
      projectGid: product.demo!.asanaProjectGid,
      name: 'API v1 sees me',
      autoTask: true,
      repo: 'acme/web',
    }) as { gid: string };
    const task = await waitForTask(product, gid, reached('DEPLOYED'));

    const project = await api('GET', '/project', 'getProject');
    const list = await api('GET', '/tasks?status=DEPLOYED', 'listTasks');
    const events = await api('GET', `/tasks/${task.taskId}/events`, 'listTaskEvents');
    const note = await api('POST', `/tasks/${task.taskId}/notes`, 'addTaskNote', {
      text: 'Seen through the API',
    });

    expect(project.json.projectId).toBe(product.demo!.projectId);
    expect(list.json.items.map((t: { taskId: string }) => t.taskId)).toContain(task.taskId);
    expect(events.json.items.map((e: { to?: string }) => e.to)).toContain('DEPLOYED');
    expect(note.status).toBe(200);
  });

  it('saves a policy version with the runtime’s Cedar validator, and it becomes the active set', async () => {
    const saved = await api('POST', '/policies/versions', 'savePolicyVersion', {
      text: shippedDefaultPolicies(),
      comment: 'through the API',
    });
    const active = await api('GET', '/policies/active', 'getActivePolicy');
    const invalid = await api('POST', '/policies/versions', 'savePolicyVersion', { text: 'permit (' });

    expect(saved.status).toBe(201);
    expect(active.json.version).toBe(`v${saved.json.version}`);
    expect(invalid.status).toBe(422);
  });

  it('counts a task that reaches DEPLOYED at every funnel stage and as DEPLOYED in the summary', async () => {
    await product.stack.settle();
    const funnelBefore = await api('GET', '/analytics/funnel', 'getAnalyticsFunnel');
    const summaryBefore = await api('GET', '/analytics/summary', 'getAnalyticsSummary');
    const { gid } = product.sandbox!.control.createTask({
      projectGid: product.demo!.asanaProjectGid,
      name: 'Analytics counts me',
      autoTask: true,
      repo: 'acme/web',
    }) as { gid: string };
    await waitForTask(product, gid, reached('DEPLOYED'));
    await product.stack.settle();

    const funnel = await api('GET', '/analytics/funnel', 'getAnalyticsFunnel');
    const summary = await api('GET', '/analytics/summary', 'getAnalyticsSummary');

    type Stage = { stage: string; count: number };
    const before = new Map<string, number>(funnelBefore.json.stages.map((s: Stage) => [s.stage, s.count]));
    expect(funnel.json.stages.map((s: Stage) => [s.stage, s.count - (before.get(s.stage) ?? 0)])).toEqual(
      FUNNEL_STAGES.map((stage) => [stage, 1]),
    );
    expect(summary.json.byStatus.DEPLOYED - summaryBefore.json.byStatus.DEPLOYED).toBe(1);
    expect(summary.json.total - summaryBefore.json.total).toBe(1);
  });

  it('creates a trigger with a secret and starts it with the runtime’s stores; the secret is never shown or logged', async () => {
    const triggerSecret = 'local-trigger-secret-7';
    const created = await api('POST', '/triggers', 'createTrigger', {
      id: 'local-deploy',
      definition: exampleTriggerDefinition,
      secret: triggerSecret,
    });
    const started = await api('POST', '/triggers/local-deploy/start', 'startTrigger', {
      inputs: { env: 'staging' },
    });
    const got = await api('GET', '/triggers/local-deploy', 'getTrigger');

    expect(created.status).toBe(201);
    expect(started.status).toBe(202);
    expect(got.json.trigger).toMatchObject({ secretSet: true, savedBy: expect.stringMatching(/^token:/) });
    expect(JSON.stringify([created.json, started.json, got.json])).not.toContain(triggerSecret);
    expect(JSON.stringify(product.logs.lines)).not.toContain(triggerSecret);
  });

  it('never writes the token to the logs', () => {
    expect(JSON.stringify(product.logs.lines)).not.toContain(secret);
  });
});

describe('/api/mcp on the local stack', () => {
  it('lets an MCP client with a project token list the tools and read tasks, and refuses one without', async () => {
    const client = new Client({ name: 'local-stack-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${product.stack.url}/api/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${secret}` } },
      }),
    );
    try {
      const { tools } = await client.listTools();
      const listed = await client.callTool({ name: 'list_tasks', arguments: {} });

      expect(tools.map((t) => t.name).sort()).toEqual([
        'create_task',
        'decide_approval',
        'get_task_spec',
        'list_pending_approvals',
        'list_tasks',
        'post_progress_note',
      ]);
      expect(listed.isError).toBeFalsy();
    } finally {
      await client.close();
    }

    const anonymous = await fetch(`${product.stack.url}/api/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(anonymous.status).toBe(401);
  });
});
