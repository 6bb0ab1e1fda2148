import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { asana, control, github, startTestSandbox } from './sandbox-client.js';

describe('sandbox control API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());

  it('seeds repos and a project whose fields carry the repos as options', async () => {
    const repos = await control(sandbox, '/repos', {
      body: { repos: ['acme/web', { fullName: 'acme/api', defaultBranch: 'develop' }] },
    });
    const project = await control<ProjectSummary>(sandbox, '/asana/projects', {
      body: { name: 'Roadmap', statuses: ['On track', 'Blocked', 'Cancelled'] },
    });

    expect(repos.status).toBe(201);
    expect(project.status).toBe(201);
    expect(Object.keys(project.body.fields.autoTask.options)).toEqual(['Yes', 'No']);
    expect(Object.keys(project.body.fields.repo.options)).toEqual(['acme/web', 'acme/api']);
    expect(Object.keys(project.body.fields.status.options)).toEqual(['On track', 'Blocked', 'Cancelled']);
    expect((await github(sandbox, '/repos/acme/api')).body).toMatchObject({ default_branch: 'develop' });
  });

  it('answers 400 with the failing fields for an invalid body', async () => {
    const response = await control(sandbox, '/asana/tasks', { body: { name: '', autoTask: 'yes' } });
    const notJson = await control(sandbox, '/repos', { raw: 'nope' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { message: 'Invalid request' } });
    expect(
      (response.body as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path),
    ).toEqual(expect.arrayContaining(['projectGid', 'name', 'autoTask']));
    expect(notJson.status).toBe(400);
  });

  it('creates and changes a task by field names, and names the valid options of an unknown one', async () => {
    const project = sandbox.control.createProject({ name: 'Tasks', repos: ['acme/web'] });

    const created = await control<{ gid: string }>(sandbox, '/asana/tasks', {
      body: { projectGid: project.gid, name: 'Build', autoTask: true, repo: 'acme/web', status: 'Blocked' },
    });
    const changed = await control(sandbox, `/asana/tasks/${created.body.gid}`, {
      method: 'PATCH',
      body: { status: 'Cancelled', completed: true },
    });
    const unknown = await control(sandbox, `/asana/tasks/${created.body.gid}`, {
      method: 'PATCH',
      body: { repo: 'acme/nope' },
    });
    const fetched = await asana<{
      data: { completed: boolean; custom_fields: { name: string; enum_value: { name: string } | null }[] };
    }>(sandbox, `/tasks/${created.body.gid}`);

    expect(changed.status).toBe(200);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { message: expect.stringContaining('options: acme/web') } });
    expect(fetched.body.data.completed).toBe(true);
    expect(fetched.body.data.custom_fields.find((f) => f.name === 'Status')?.enum_value?.name).toBe(
      'Cancelled',
    );
  });

  it('stores scripts per task and per issue', async () => {
    const project = sandbox.control.createProject({ name: 'Scripts', repos: ['acme/web'] });
    const task = sandbox.control.createTask({ projectGid: project.gid, name: 'Scripted', autoTask: true });
    const issue = await github<{ number: number }>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'x' },
    });

    const byTask = await control(sandbox, `/scripts/${String(task.gid)}`, {
      method: 'PUT',
      body: { ci: 'failure', workflows: ['build'] },
    });
    const byIssue = await control(sandbox, `/scripts/issues/acme/web/${issue.body.number}`, {
      method: 'PUT',
      body: { agent: 'none' },
    });
    const invalid = await control(sandbox, `/scripts/${String(task.gid)}`, {
      method: 'PUT',
      body: { ci: 'maybe' },
    });

    expect(byTask.body).toEqual({ agent: 'pr', ci: 'failure', workflows: ['build'] });
    expect(byIssue.body).toEqual({ agent: 'none', ci: 'success' });
    expect(invalid.status).toBe(400);
  });

  it('counts API calls by service, route, Asana task and issue', async () => {
    await control(sandbox, '/calls', { method: 'DELETE' });

    await github(sandbox, '/repos/acme/web/issues/1');
    await github(sandbox, '/repos/acme/web/issues/1');
    await asana(sandbox, '/tasks/123');
    const calls = await control<{
      total: number;
      byService: Record<string, number>;
      byRoute: Record<string, number>;
      byIssue: Record<string, number>;
      byAsanaTask: Record<string, number>;
    }>(sandbox, '/calls');

    expect(calls.body.total).toBe(3);
    expect(calls.body.byService).toEqual({ github: 2, asana: 1 });
    expect(calls.body.byRoute['GET /github/repos/:owner/:repo/issues/:number']).toBe(2);
    expect(calls.body.byIssue).toEqual({ 'acme/web#1': 2 });
    expect(calls.body.byAsanaTask).toEqual({ '123': 1 });
  });

  it('injects faults into the next matching calls', async () => {
    await control(sandbox, '/faults', {
      body: { service: 'github', status: 502, count: 1, pathContains: '/issues' },
    });

    const failed = await github(sandbox, '/repos/acme/web/issues');
    const next = await github(sandbox, '/repos/acme/web/issues');

    expect(failed.status).toBe(502);
    expect(next.status).toBe(200);
  });

  it('reports health and exposes the state', async () => {
    const health = await control<{ ok: boolean; url: string; jobs: { pending: number } }>(sandbox, '/health');
    const state = await control<{ github: { repos: Record<string, unknown> } }>(sandbox, '/state');

    expect(health.body).toMatchObject({ ok: true, url: sandbox.url });
    expect(Object.keys(state.body.github.repos)).toEqual(['acme/web', 'acme/api']);
  });

  it('resets to an empty state', async () => {
    const reset = await control(sandbox, '/reset', { method: 'POST' });

    expect(reset.status).toBe(204);
    expect(sandbox.state.github.repos).toEqual({});
    expect((await github(sandbox, '/repos/acme/web')).status).toBe(404);
  });
});
