import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { asana, startTestSandbox } from './sandbox-client.js';

interface Task {
  gid: string;
  name: string;
  completed: boolean;
  modified_at: string;
  permalink_url: string;
  custom_fields: {
    gid: string;
    name: string;
    type: string;
    enum_value: { gid: string; name: string } | null;
    text_value: null;
  }[];
}

describe('sandbox Asana API', () => {
  let sandbox: Sandbox;
  let project: ProjectSummary;
  let task: Task;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web', 'acme/api'] });
    project = sandbox.control.createProject({ name: 'Roadmap' });
  });
  beforeEach(() => {
    task = sandbox.control.createTask({
      projectGid: project.gid,
      name: 'Ship it',
      notes: 'Soon',
      autoTask: true,
      repo: 'acme/api',
      status: 'On track',
    }) as unknown as Task;
  });
  afterAll(() => sandbox.stop());

  it('rejects a wrong token with Asana’s error shape', async () => {
    const response = await asana(sandbox, `/tasks/${task.gid}`, { token: 'Bearer nope' });

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ errors: [{ message: 'Not Authorized' }] });
  });

  it('returns the task with its custom fields and a permalink naming project and task', async () => {
    const response = await asana<{ data: Task }>(sandbox, `/tasks/${task.gid}`);

    expect(response.body.data).toMatchObject({ gid: task.gid, name: 'Ship it', completed: false });
    expect(response.body.data.permalink_url).toBe(`${sandbox.url}/asana/0/${project.gid}/${task.gid}`);
    expect(response.body.data.custom_fields.map((f) => [f.name, f.type, f.enum_value?.name ?? null])).toEqual(
      [
        ['AutoTask', 'enum', 'Yes'],
        ['Repo', 'enum', 'acme/api'],
        ['Status', 'enum', 'On track'],
      ],
    );
  });

  it('honours opt_fields loosely, keeping gid and the top-level fields asked for', async () => {
    const response = await asana<{ data: Record<string, unknown> }>(
      sandbox,
      `/tasks/${task.gid}?opt_fields=name,custom_fields.enum_value.name`,
    );

    expect(Object.keys(response.body.data).sort()).toEqual(['custom_fields', 'gid', 'name']);
  });

  it('answers 404 for an unknown task and 400 for an unknown field or an unknown option', async () => {
    const missing = await asana(sandbox, '/tasks/42');
    const unknownField = await asana(sandbox, `/tasks/${task.gid}`, {
      method: 'PUT',
      body: { data: { complete: true } },
    });
    const badOption = await asana(sandbox, `/tasks/${task.gid}`, {
      method: 'PUT',
      body: { data: { custom_fields: { [project.fields.repo.gid]: '1' } } },
    });
    const noData = await asana(sandbox, `/tasks/${task.gid}`, { method: 'PUT', body: { completed: true } });

    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errors: [{ message: 'Unknown object: 42' }] });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body).toMatchObject({ errors: [{ message: 'data: Unknown field(s): complete' }] });
    expect(badOption.status).toBe(400);
    expect(noData.body).toMatchObject({ errors: [{ message: 'data: Missing input' }] });
  });

  it('completes a task, moves modified_at forward and records a system story', async () => {
    const before = task.modified_at;

    const updated = await asana<{ data: Task }>(sandbox, `/tasks/${task.gid}`, {
      method: 'PUT',
      body: { data: { completed: true } },
    });
    const stories = await asana<{ data: { type: string; text: string }[] }>(
      sandbox,
      `/tasks/${task.gid}/stories`,
    );

    expect(updated.body.data.completed).toBe(true);
    expect(updated.body.data.modified_at > before).toBe(true);
    expect(stories.body.data).toEqual([
      expect.objectContaining({ type: 'system', text: 'marked this task complete' }),
    ]);
  });

  it('adds comments as stories', async () => {
    const created = await asana(sandbox, `/tasks/${task.gid}/stories`, {
      body: { data: { text: 'CI is green' } },
    });
    const empty = await asana(sandbox, `/tasks/${task.gid}/stories`, { body: { data: { text: '' } } });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      data: {
        type: 'comment',
        resource_subtype: 'comment_added',
        text: 'CI is green',
        created_by: { name: 'Auto-Flow Bot' },
      },
    });
    expect(empty.status).toBe(400);
  });

  it('creates tasks in a project and lists the project’s tasks modified since a time, page by page', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const name of ['one', 'two', 'three'])
      await asana(sandbox, '/tasks', { body: { data: { name, projects: [project.gid] } } });

    const page1 = await asana<{ data: { name: string }[]; next_page: { offset: string } | null }>(
      sandbox,
      `/projects/${project.gid}/tasks?modified_since=${since}&limit=2`,
    );
    const page2 = await asana<{ data: { name: string }[]; next_page: null }>(
      sandbox,
      `/projects/${project.gid}/tasks?modified_since=${since}&limit=2&offset=${page1.body.next_page!.offset}`,
    );

    expect(page1.body.data.map((t) => t.name)).toEqual(['one', 'two']);
    expect(page2.body.data.map((t) => t.name)).toEqual(['three']);
    expect(page2.body.next_page).toBeNull();
  });

  it('reads custom fields and adds enum options, refusing a duplicate name', async () => {
    const added = await asana<{ data: { gid: string; name: string } }>(
      sandbox,
      `/custom_fields/${project.fields.repo.gid}/enum_options`,
      { body: { data: { name: 'acme/docs' } } },
    );
    const duplicate = await asana(sandbox, `/custom_fields/${project.fields.repo.gid}/enum_options`, {
      body: { data: { name: 'acme/docs' } },
    });
    const field = await asana<{ data: { enum_options: { name: string }[] } }>(
      sandbox,
      `/custom_fields/${project.fields.repo.gid}`,
    );

    expect(added.status).toBe(201);
    expect(duplicate.status).toBe(400);
    expect(field.body.data.enum_options.map((o) => o.name)).toEqual(['acme/web', 'acme/api', 'acme/docs']);
  });
});
