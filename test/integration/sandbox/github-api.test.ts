import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { github, startTestSandbox } from './sandbox-client.js';

interface Issue {
  number: number;
  html_url: string;
  state: string;
  state_reason: string | null;
  labels: { name: string }[];
  body: string;
  user: { login: string };
  created_at: string;
  pull_request?: unknown;
}

describe('sandbox GitHub API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: [{ fullName: 'acme/web', defaultBranch: 'trunk' }] });
  });
  afterAll(() => sandbox.stop());

  it('rejects a missing or wrong token with GitHub’s 401 body', async () => {
    const missing = await github(sandbox, '/repos/acme/web', { token: '' });
    const wrong = await github(sandbox, '/repos/acme/web', { token: 'token nope' });

    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ message: 'Requires authentication' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  });

  it('accepts Bearer tokens and returns the repository with its default branch', async () => {
    const response = await github(sandbox, '/repos/acme/web', { token: `Bearer gh-sandbox-token` });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      full_name: 'acme/web',
      default_branch: 'trunk',
      owner: { login: 'acme' },
    });
  });

  it('answers 404 for unknown repositories, issues and routes', async () => {
    expect((await github(sandbox, '/repos/acme/nope')).status).toBe(404);
    expect((await github(sandbox, '/repos/acme/web/issues/999')).body).toMatchObject({
      message: 'Not Found',
    });
    expect((await github(sandbox, '/nothing/here')).status).toBe(404);
  });

  it('answers 422 with GitHub’s errors shape for an invalid body, and 400 for bad JSON', async () => {
    const invalid = await github(sandbox, '/repos/acme/web/issues', { body: { body: 'no title' } });
    const badJson = await github(sandbox, '/repos/acme/web/issues', { raw: '{nope' });

    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ message: 'Problems parsing JSON' });
  });

  it('creates an issue and reads it back', async () => {
    const created = await github<Issue>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Fix login', body: 'Details', labels: ['autoflow'] },
    });
    const read = await github<Issue>(sandbox, `/repos/acme/web/issues/${created.body.number}`);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'open',
      state_reason: null,
      labels: [{ name: 'autoflow' }],
      body: 'Details',
      user: { login: 'autoflow-bot' },
    });
    expect(created.body.html_url).toBe(`${sandbox.url}/web/acme/web/issues/${created.body.number}`);
    expect(read.body).toMatchObject({ number: created.body.number, title: 'Fix login' });
  });

  it('lists issues newest first, filtered by state and labels, paginated with a Link header', async () => {
    for (const title of ['a', 'b', 'c'])
      await github(sandbox, '/repos/acme/web/issues', { body: { title, labels: ['batch'] } });

    const page1 = await github<Issue[]>(sandbox, '/repos/acme/web/issues?labels=batch&per_page=2');
    const page2 = await github<Issue[]>(sandbox, '/repos/acme/web/issues?labels=batch&per_page=2&page=2');

    expect(page1.body.map((i) => i.labels[0]?.name)).toEqual(['batch', 'batch']);
    expect(page1.body[0]!.number).toBeGreaterThan(page1.body[1]!.number);
    expect(page1.headers.get('link')).toContain('rel="next"');
    expect(page2.body).toHaveLength(1);
  });

  it('closes an issue as not planned and reopens it', async () => {
    const { body: issue } = await github<Issue>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Drop me' },
    });

    const closed = await github<Issue>(sandbox, `/repos/acme/web/issues/${issue.number}`, {
      method: 'PATCH',
      body: { state: 'closed', state_reason: 'not_planned' },
    });
    const listed = await github<Issue[]>(sandbox, '/repos/acme/web/issues?state=closed');
    const reopened = await github<Issue>(sandbox, `/repos/acme/web/issues/${issue.number}`, {
      method: 'PATCH',
      body: { state: 'open' },
    });

    expect(closed.body).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(listed.body.map((i) => i.number)).toContain(issue.number);
    expect(reopened.body).toMatchObject({ state: 'open', state_reason: 'reopened' });
  });

  it('adds and removes labels, and answers 404 for a label the issue does not have', async () => {
    const { body: issue } = await github<Issue>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Labels', labels: ['autoflow'] },
    });

    const added = await github<{ name: string }[]>(sandbox, `/repos/acme/web/issues/${issue.number}/labels`, {
      body: { labels: ['autoflow:disabled'] },
    });
    const removed = await github<{ name: string }[]>(
      sandbox,
      `/repos/acme/web/issues/${issue.number}/labels/autoflow%3Adisabled`,
      { method: 'DELETE' },
    );
    const missing = await github(sandbox, `/repos/acme/web/issues/${issue.number}/labels/nope`, {
      method: 'DELETE',
    });

    expect(added.body.map((l) => l.name)).toEqual(['autoflow', 'autoflow:disabled']);
    expect(removed.body.map((l) => l.name)).toEqual(['autoflow']);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: 'Label does not exist' });
  });

  it('adds comments and lists them oldest first', async () => {
    const { body: issue } = await github<Issue>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Talk' },
    });

    await github(sandbox, `/repos/acme/web/issues/${issue.number}/comments`, { body: { body: 'first' } });
    await github(sandbox, `/repos/acme/web/issues/${issue.number}/comments`, { body: { body: 'second' } });
    const comments = await github<{ body: string }[]>(
      sandbox,
      `/repos/acme/web/issues/${issue.number}/comments`,
    );
    const empty = await github(sandbox, `/repos/acme/web/issues/${issue.number}/comments`, {
      body: { body: '' },
    });

    expect(comments.body.map((c) => c.body)).toEqual(['first', 'second']);
    expect(empty.status).toBe(422);
  });

  it('creates repository hooks with the secret masked, and refuses a duplicate URL', async () => {
    const hook = {
      config: { url: 'http://127.0.0.1:9/hook', content_type: 'json', secret: 's3cret' },
      events: ['issues'],
    };

    const created = await github(sandbox, '/repos/acme/web/hooks', { body: hook });
    const duplicate = await github(sandbox, '/repos/acme/web/hooks', { body: hook });
    const listed = await github<unknown[]>(sandbox, '/repos/acme/web/hooks');

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'web',
      active: true,
      events: ['issues'],
      config: { url: 'http://127.0.0.1:9/hook', secret: '********' },
    });
    expect(duplicate.status).toBe(422);
    expect(listed.body).toHaveLength(1);
  });

  it('answers 404 for unknown pull requests and workflow runs', async () => {
    expect((await github(sandbox, '/repos/acme/web/pulls/12345')).status).toBe(404);
    expect((await github(sandbox, '/repos/acme/web/actions/runs/12345')).status).toBe(404);
  });
});
