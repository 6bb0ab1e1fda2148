import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { githubEventOf, startReceiver, type ReceivedRequest, type Receiver } from './receiver.js';
import { github, startTestSandbox } from './sandbox-client.js';

const SECRET = 'github-hook-secret';
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Record<string, unknown>[];
}[];

function example(event: string, action: string): Record<string, unknown> {
  const found = examples.find((d) => d.name === event)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no example ${event}.${action}`);
  return found;
}

function verifies(request: ReceivedRequest): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`);
  const actual = Buffer.from(request.headers['x-hub-signature-256'] ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- webhook payloads are read field by field

const payload = (request: ReceivedRequest): Payload => JSON.parse(request.body) as Payload;

describe('sandbox agent, merge and CI', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let projectGid: string;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    sandbox.control.registerHook({ repo: 'acme/web', url: `${receiver.url}/github`, secret: SECRET });
    projectGid = sandbox.control.createProject({ name: 'Web' }).gid;
    receiver.requests.length = 0;
  });
  afterEach(() => sandbox.stop());
  afterAll(() => receiver.stop());

  async function openAgentIssue(
    script?: Parameters<Sandbox['control']['setTaskScript']>[1],
  ): Promise<{ number: number; taskGid: string }> {
    const task = sandbox.control.createTask({
      projectGid,
      name: 'Add search',
      autoTask: true,
      repo: 'acme/web',
      script,
    });
    const body = `Add a search box.\n\nAsana: ${String(task.permalink_url)}\n\n/opencode implement\n<!-- autoflow:marker -->`;
    const created = await github<{ number: number }>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Add search', body, labels: ['autoflow'] },
    });
    return { number: created.body.number, taskGid: String(task.gid) };
  }

  it('opens a PR that fixes the issue, merges it, closes the issue and runs CI on the merge commit, all signed', async () => {
    const { number } = await openAgentIssue();

    const runs = await receiver.waitFor((r) => githubEventOf(r) === 'workflow_run.completed');
    await sandbox.control.idle();
    const events = receiver.requests.map(githubEventOf);
    const opened = payload(receiver.requests.find((r) => githubEventOf(r) === 'pull_request.opened')!);
    const merged = payload(receiver.requests.find((r) => githubEventOf(r) === 'pull_request.closed')!);
    const closedIssue = payload(receiver.requests.find((r) => githubEventOf(r) === 'issues.closed')!);
    const completed = payload(runs[0]!);

    expect(events).toEqual(
      expect.arrayContaining([
        'issues.opened',
        'issues.labeled',
        'pull_request.opened',
        'pull_request.closed',
        'issues.closed',
        'workflow_run.requested',
        'workflow_run.in_progress',
        'workflow_run.completed',
      ]),
    );
    expect(events.indexOf('pull_request.opened')).toBeLessThan(events.indexOf('pull_request.closed'));
    expect(receiver.requests.every(verifies)).toBe(true);
    expect(
      receiver.requests.every(
        (r) =>
          r.headers['content-type'] === 'application/json' &&
          /^[0-9a-f-]{36}$/.test(r.headers['x-github-delivery'] ?? ''),
      ),
    ).toBe(true);
    expect(opened.pull_request.body).toMatch(new RegExp(`^Fixes #${number}\\b`));
    expect(opened.pull_request).toMatchObject({ state: 'open', merged: false, base: { ref: 'main' } });
    expect(opened.repository).toMatchObject({ full_name: 'acme/web', default_branch: 'main' });
    expect(merged.pull_request).toMatchObject({ state: 'closed', merged: true });
    expect(merged.pull_request.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(merged.pull_request.head.sha).toBe(opened.pull_request.head.sha);
    expect(closedIssue.issue).toMatchObject({ number, state: 'closed', state_reason: 'completed' });
    expect(completed.workflow_run).toMatchObject({
      head_sha: merged.pull_request.merge_commit_sha,
      status: 'completed',
      conclusion: 'success',
      name: 'CI',
      head_branch: 'main',
    });
    expect(completed.workflow_run.html_url).toBe(
      `${sandbox.url}/web/acme/web/actions/runs/${String(completed.workflow_run.id)}`,
    );
  });

  it('shapes payloads like the real ones in @octokit/webhooks-examples', async () => {
    await openAgentIssue();
    await receiver.waitFor((r) => githubEventOf(r) === 'workflow_run.completed');
    const byEvent = (name: string): Payload =>
      payload(receiver.requests.find((r) => githubEventOf(r) === name)!);
    const keys = (o: unknown): string[] => Object.keys(o as object).sort();

    const issue = byEvent('issues.opened');
    const pr = byEvent('pull_request.closed');
    const run = byEvent('workflow_run.completed');

    expect(keys(issue.issue)).toEqual(expect.arrayContaining(keys(example('issues', 'opened').issue)));
    expect(keys(issue.repository)).toEqual(
      expect.arrayContaining(keys(example('issues', 'opened').repository)),
    );
    expect(keys(pr.pull_request)).toEqual(
      expect.arrayContaining(keys(example('pull_request', 'closed').pull_request)),
    );
    expect(keys(pr)).toEqual(
      expect.arrayContaining(['action', 'number', 'pull_request', 'repository', 'sender']),
    );
    expect(keys(run.workflow_run)).toEqual(
      expect.arrayContaining(keys(example('workflow_run', 'completed').workflow_run)),
    );
    expect(keys(run.workflow)).toEqual(
      expect.arrayContaining(keys(example('workflow_run', 'completed').workflow)),
    );
    expect(JSON.stringify([issue, pr, run])).not.toMatch(/Codertocat|octo-org|api\.github\.com/);
  });

  it('sends a signed ping when a hook is created', async () => {
    const response = await github<{ id: number }>(sandbox, '/repos/acme/web/hooks', {
      body: { config: { url: `${receiver.url}/ping`, content_type: 'json', secret: SECRET }, events: ['*'] },
    });

    const [ping] = await receiver.waitFor((r) => r.path === '/ping');

    expect(ping!.headers['x-github-event']).toBe('ping');
    expect(verifies(ping!)).toBe(true);
    expect(payload(ping!)).toMatchObject({
      hook_id: response.body.id,
      repository: { full_name: 'acme/web' },
    });
  });

  it('reports the scripted CI failure, one run per scripted workflow', async () => {
    await openAgentIssue({ ci: { build: 'success', test: 'failure' }, workflows: ['build', 'test'] });

    const completed = await receiver.waitFor((r) => githubEventOf(r) === 'workflow_run.completed', 2);
    const byName = Object.fromEntries(
      completed.map((r) => [payload(r).workflow_run.name, payload(r).workflow_run.conclusion]),
    );

    expect(byName).toEqual({ build: 'success', test: 'failure' });
  });

  it('completes an action_required run without an in_progress step', async () => {
    await openAgentIssue({ ci: 'action_required' });

    const [completed] = await receiver.waitFor((r) => githubEventOf(r) === 'workflow_run.completed');

    expect(payload(completed!).workflow_run.conclusion).toBe('action_required');
    expect(receiver.requests.map(githubEventOf)).not.toContain('workflow_run.in_progress');
  });

  it('opens no PR when the task is scripted with agent none', async () => {
    await openAgentIssue({ agent: 'none', ci: 'success' });

    await new Promise((resolve) => setTimeout(resolve, 150));
    await sandbox.control.idle();

    expect(receiver.requests.map(githubEventOf)).not.toContain('pull_request.opened');
    expect(sandbox.state.github.pulls).toHaveLength(0);
  });

  it('lets a per-issue script win over the task’s, and leaves the PR open when merge is false', async () => {
    const { number } = await openAgentIssue({ agent: 'pr', ci: 'success' });
    sandbox.control.setIssueScript('acme/web', number, { agent: 'pr', merge: false });

    await receiver.waitFor((r) => githubEventOf(r) === 'pull_request.opened');
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(sandbox.state.github.pulls[0]).toMatchObject({ state: 'open', merged: false });
    expect(receiver.requests.map(githubEventOf)).not.toContain('workflow_run.requested');
  });

  it('does not close the issue when the PR is merged into another branch', async () => {
    const { number } = await openAgentIssue({ agent: 'pr', ci: 'success', base: 'release' });

    const [closed] = await receiver.waitFor((r) => githubEventOf(r) === 'pull_request.closed');

    expect(payload(closed!).pull_request.base.ref).toBe('release');
    expect(sandbox.state.github.issues.find((i) => i.number === number)).toMatchObject({ state: 'open' });
  });

  it('ignores issues that do not summon the agent', async () => {
    await github(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Plain issue', body: 'nothing to do' },
    });

    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(sandbox.state.jobs).toHaveLength(0);
    expect(sandbox.state.github.pulls).toHaveLength(0);
  });
});
