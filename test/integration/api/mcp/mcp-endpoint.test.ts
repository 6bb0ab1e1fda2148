import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '#core/accounts/roles.js';
import type { Approval } from '#core/approval/approval.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { AuthenticateBearer, BearerPrincipal } from '#lambdas/api/bearer.js';
import { mcpRoutes } from '#lambdas/api/mcp/mcp-routes.js';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { createAction, createTask, FIELD_GIDS } from '../../../helpers/factories.js';
import { createHarness, seedProject, type Harness } from '../harness.js';

/** An in-memory AuthenticateBearer: `Bearer <token>` of a known token, else nobody. */
function memoryAuthenticate(tokens: Map<string, BearerPrincipal>): AuthenticateBearer {
  return async (authorization) => {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    return match ? tokens.get(match[1]!) : undefined;
  };
}

type ToolResult = { isError?: boolean; content: { type: string; text: string }[] };
const parsed = (r: unknown) => JSON.parse((r as ToolResult).content[0]!.text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read fields freely

describe('MCP endpoint', () => {
  let db: Dynalite;
  let h: Harness;
  let project: ProjectConfig;
  let app: Hono;
  const answered: string[] = [];
  const tokens = new Map<string, BearerPrincipal>();

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  beforeEach(async () => {
    h = await createHarness(db);
    project = await seedProject(h);
    const principal = (role: Role, tokenId: string): BearerPrincipal => ({
      project,
      principal: { userId: `token-${tokenId}`, username: `agent-${role}`, role },
      tokenId,
    });
    tokens.set('afp_editor', principal('editor', 'tok-e'));
    tokens.set('afp_viewer', principal('viewer', 'tok-v'));
    const taskTokens = {
      succeed: async (token: string) => void answered.push(token),
      fail: async (token: string) => void answered.push(token),
    };
    app = new Hono().route(
      '/api/mcp',
      mcpRoutes({ ...h.deps, approvals: h.approvals, taskTokens, authenticate: memoryAuthenticate(tokens) }),
    );
  });

  async function connect(token?: string): Promise<Client> {
    const transport = new StreamableHTTPClientTransport(new URL('http://console.test/api/mcp'), {
      fetch: async (url, init) => app.fetch(new Request(url, init)),
      ...(token && { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
    });
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(transport);
    return client;
  }

  const pendingApproval = (approvalId: string): Approval => {
    const action = createAction({ actionId: approvalId, projectId: project.projectId });
    return {
      approvalId,
      projectId: project.projectId,
      taskId: action.taskId,
      action,
      preview: { kind: 'github.comment', target: 'acme/web#7', summary: 'comment on acme/web#7', body: 'hi' },
      requiredApprovals: 1,
      determiningPolicies: ['needs-approval'],
      policyVersion: 'v1',
      requestedBy: { type: 'Trigger', id: 'core-loop' },
      requestedAt: h.clock.now().toISOString(),
      status: 'pending',
      escalated: false,
      expiresAt: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
      votes: [],
      taskToken: `sfn-${approvalId}`,
      version: 0,
    };
  };

  it('lists every tool with its input schema', async () => {
    const client = await connect('afp_viewer');

    const { tools } = await client.listTools();

    expect(tools.map((t) => t.name).sort()).toEqual([
      'create_task',
      'decide_approval',
      'get_task_spec',
      'list_pending_approvals',
      'list_tasks',
      'post_progress_note',
    ]);
    expect(tools.find((t) => t.name === 'decide_approval')?.inputSchema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['approvalId', 'decision']),
    });
    await client.close();
  });

  it('calls each tool with an editor token, and audits every call', async () => {
    // Prepare
    const task = createTask({ projectId: project.projectId, taskId: 'mcp-task-1', title: 'Fix login' });
    await h.tasks.createTask(task);
    await h.approvals.createApproval(pendingApproval('ap-1'));
    h.asana.options.set(FIELD_GIDS.autoTask, [{ gid: 'yes', name: 'Yes', enabled: true }]);
    const client = await connect('afp_editor');

    // Act
    const spec = await client.callTool({ name: 'get_task_spec', arguments: { taskId: 'mcp-task-1' } });
    const list = await client.callTool({ name: 'list_tasks', arguments: { limit: 5 } });
    const note = await client.callTool({
      name: 'post_progress_note',
      arguments: { taskId: 'mcp-task-1', text: 'Tests written, implementing now' },
    });
    const pending = await client.callTool({ name: 'list_pending_approvals', arguments: {} });
    const decided = await client.callTool({
      name: 'decide_approval',
      arguments: { approvalId: 'ap-1', decision: 'approve', reason: 'agent checked it' },
    });
    const created = await client.callTool({
      name: 'create_task',
      arguments: { title: 'Follow-up', notes: 'Acceptance:\n- done', repo: 'acme/web' },
    });

    // Assess
    expect(parsed(spec)).toMatchObject({ task: { taskId: 'mcp-task-1' }, spec: { title: 'Fix login' } });
    expect(parsed(spec).spec.body).toContain('<!-- autoflow:task=mcp-task-1 -->');
    expect(parsed(list).items.map((t: { taskId: string }) => t.taskId)).toEqual(['mcp-task-1']);
    expect(note.isError).toBeFalsy();
    const timeline = await h.tasks.listTimeline(project.projectId, 'mcp-task-1');
    expect(timeline.at(-1)?.message).toContain('Tests written, implementing now');
    expect(parsed(pending).items).toEqual([expect.objectContaining({ approvalId: 'ap-1' })]);
    expect(JSON.stringify(parsed(pending))).not.toContain('sfn-ap-1');
    expect(parsed(decided).approval.status).toBe('approved');
    expect(answered).toContain('sfn-ap-1');
    expect(parsed(created)).toMatchObject({ asanaGid: expect.any(String) });
    expect(h.asana.created).toHaveLength(1);
    const calls = (await h.audit.listChain(project.projectId)).filter((e) => e.type === 'mcp.tool_call');
    expect(calls.map((e) => [e.subject, e.actor, e.data.outcome])).toEqual([
      ['get_task_spec', 'token:tok-e', 'ok'],
      ['list_tasks', 'token:tok-e', 'ok'],
      ['post_progress_note', 'token:tok-e', 'ok'],
      ['list_pending_approvals', 'token:tok-e', 'ok'],
      ['decide_approval', 'token:tok-e', 'ok'],
      ['create_task', 'token:tok-e', 'ok'],
    ]);
    await client.close();
  });

  it('refuses decide_approval to a viewer token and audits the refusal', async () => {
    await h.approvals.createApproval(pendingApproval('ap-2'));
    const client = await connect('afp_viewer');

    const refused = await client.callTool({
      name: 'decide_approval',
      arguments: { approvalId: 'ap-2', decision: 'approve' },
    });

    expect(refused.isError).toBe(true);
    expect(parsed(refused)).toEqual({
      code: 'forbidden',
      message: 'decide_approval needs a token with the editor role',
    });
    expect((await h.approvals.getApproval(project.projectId, 'ap-2'))?.status).toBe('pending');
    const [entry] = (await h.audit.listChain(project.projectId)).filter((e) => e.type === 'mcp.tool_call');
    expect(entry).toMatchObject({
      subject: 'decide_approval',
      actor: 'token:tok-v',
      data: { outcome: 'denied' },
    });
    await client.close();
  });

  it('answers tool errors for a task of no such id, without leaking internals', async () => {
    const client = await connect('afp_editor');

    const missing = await client.callTool({ name: 'get_task_spec', arguments: { taskId: 'nope' } });

    expect(missing.isError).toBe(true);
    expect(parsed(missing)).toEqual({ code: 'not_found', message: 'No task nope' });
    await client.close();
  });

  it('refuses a request without a token, or with an unknown one, with 401 and WWW-Authenticate', async () => {
    await expect(connect()).rejects.toThrow();
    await expect(connect('afp_revoked')).rejects.toThrow();

    const res = await app.request('/api/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });

    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});
