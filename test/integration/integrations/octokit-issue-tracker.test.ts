import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit, type CreateOctokitOptions } from '#adapters/github/create-octokit.js';
import { OctokitIssueTracker } from '#adapters/github/octokit-issue-tracker.js';
import { PermanentIntegrationError, TransientIntegrationError } from '#core/errors.js';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { GITHUB_TOKEN, startTestSandbox } from '../sandbox/sandbox-client.js';

let keys = 0;
/** A comment keyed on a fresh action id, looking back to the start of time. */
const once = (key = `act-${++keys}`, since = '2000-01-01T00:00:00.000Z') => ({ key, since });

describe('OctokitIssueTracker against the sandbox', () => {
  let sandbox: Sandbox;

  const tracker = (options: Partial<CreateOctokitOptions> = {}): OctokitIssueTracker =>
    new OctokitIssueTracker({
      client: createOctokit({
        token: GITHUB_TOKEN,
        baseUrl: `${sandbox.url}/github`,
        paceWrites: false,
        retries: 0,
        ...options,
      }),
    });
  const issue = (repo: string, number: number) =>
    sandbox.state.github.issues.find((i) => i.repo === repo && i.number === number);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
  });
  beforeEach(() => sandbox.control.clearFaults());
  afterAll(() => sandbox.stop());

  it('creates an issue and returns its number and html URL', async () => {
    const created = await tracker().createIssue({
      repo: 'acme/web',
      title: 'Add search',
      body: 'Body',
      labels: ['autoflow'],
    });

    expect(created).toEqual({
      number: expect.any(Number),
      url: `${sandbox.url}/web/acme/web/issues/${created.number}`,
    });
    expect(issue('acme/web', created.number)).toMatchObject({ title: 'Add search', labels: ['autoflow'] });
  });

  it('finds an issue by the marker in its body, and nothing for an unknown marker', async () => {
    const github = tracker();
    const created = await github.createIssue({
      repo: 'acme/web',
      title: 'Marked',
      body: 'text\n<!-- autoflow:task=T-1 -->',
      labels: ['autoflow'],
    });
    await github.createIssue({
      repo: 'acme/web',
      title: 'Unlabelled',
      body: '<!-- autoflow:task=T-2 -->',
      labels: [],
    });

    expect(await github.findIssueByMarker('acme/web', '<!-- autoflow:task=T-1 -->')).toEqual({
      number: created.number,
      url: expect.stringContaining(`/issues/${created.number}`),
    });
    expect(await github.findIssueByMarker('acme/web', '<!-- autoflow:task=T-2 -->')).toBeUndefined();
    expect(await github.findIssueByMarker('acme/web', '<!-- autoflow:task=T-404 -->')).toBeUndefined();
  });

  it('comments, labels and closes an issue', async () => {
    const github = tracker();
    const { number } = await github.createIssue({
      repo: 'acme/web',
      title: 'Lifecycle',
      body: '',
      labels: ['autoflow'],
    });

    await github.comment('acme/web', number, 'Auto-Flow is paused for this task.', once('act-paused'));
    await github.setLabels('acme/web', number, { add: ['autoflow:disabled'], remove: [] });
    await github.setLabels('acme/web', number, { add: [], remove: ['autoflow:disabled', 'never-added'] });
    await github.closeIssue('acme/web', number, 'not_planned');

    expect(sandbox.state.github.comments.filter((c) => c.issueNumber === number).map((c) => c.body)).toEqual([
      'Auto-Flow is paused for this task.\n\n<!-- autoflow:comment=act-paused -->',
    ]);
    expect(issue('acme/web', number)).toMatchObject({
      labels: ['autoflow'],
      state: 'closed',
      stateReason: 'not_planned',
    });
  });

  it('comments once per key: a retry finds its hidden marker, another key comments again', async () => {
    const github = tracker();
    const { number } = await github.createIssue({ repo: 'acme/web', title: 'Once', body: '', labels: [] });
    const bodies = () =>
      sandbox.state.github.comments.filter((c) => c.issueNumber === number).map((c) => c.body);

    await github.comment('acme/web', number, 'CI failed.', once('act-1'));
    await github.comment('acme/web', number, 'CI failed.', once('act-1'));
    await github.comment('acme/web', number, 'CI failed.', once('act-2'));
    await github.comment('acme/web', number, 'CI failed.', once('act-1', '2999-01-01T00:00:00.000Z'));

    expect(bodies()).toEqual([
      'CI failed.\n\n<!-- autoflow:comment=act-1 -->',
      'CI failed.\n\n<!-- autoflow:comment=act-2 -->',
      'CI failed.\n\n<!-- autoflow:comment=act-1 -->',
    ]);
  });

  it('translates a wrong token into a PermanentIntegrationError, keeping the cause', async () => {
    const github = tracker({ token: 'wrong' });

    const error = await github
      .createIssue({ repo: 'acme/web', title: 'x', body: '', labels: [] })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentIntegrationError);
    expect((error as Error).message).toContain('401');
    expect((error as Error).cause).toMatchObject({ status: 401 });
  });

  it('translates an unknown repository and an invalid repo name into PermanentIntegrationError', async () => {
    await expect(tracker().comment('acme/nope', 1, 'x', once())).rejects.toBeInstanceOf(
      PermanentIntegrationError,
    );
    await expect(tracker().comment('not-a-repo', 1, 'x', once())).rejects.toBeInstanceOf(
      PermanentIntegrationError,
    );
  });

  it('translates a 403 that is not a rate limit into a PermanentIntegrationError', async () => {
    sandbox.control.addFault({
      service: 'github',
      status: 403,
      message: 'Resource not accessible by integration',
      count: 1,
    });

    await expect(tracker().comment('acme/web', 1, 'x', once())).rejects.toBeInstanceOf(
      PermanentIntegrationError,
    );
  });

  it('translates a 5xx into a TransientIntegrationError once retries are spent', async () => {
    sandbox.control.addFault({ service: 'github', status: 502, count: 5 });

    await expect(tracker().closeIssue('acme/web', 1, 'completed')).rejects.toBeInstanceOf(
      TransientIntegrationError,
    );
  });

  it('retries a 5xx and succeeds when the next attempt does', async () => {
    sandbox.control.addFault({ service: 'github', status: 503, count: 1 });

    await expect(
      tracker({ retries: 1 }).comment('acme/web', 1, 'after a retry', once()),
    ).resolves.toBeUndefined();
  });

  it('waits out a secondary rate limit (Retry-After) and then succeeds', async () => {
    sandbox.control.addFault({ service: 'github', status: 403, retryAfterSeconds: 1, count: 1 });

    const started = Date.now();
    await tracker().comment('acme/web', 1, 'after the limit', once());

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives up on a rate limit that outlasts the retries, as a TransientIntegrationError', async () => {
    sandbox.control.addFault({ service: 'github', status: 429, retryAfterSeconds: 0, count: 10 });

    await expect(tracker({ rateLimitRetries: 1 }).comment('acme/web', 1, 'x', once())).rejects.toBeInstanceOf(
      TransientIntegrationError,
    );
  });

  it('does not wait for a Retry-After longer than allowed', async () => {
    sandbox.control.addFault({ service: 'github', status: 403, retryAfterSeconds: 120, count: 1 });

    const started = Date.now();
    await expect(
      tracker({ maxRetryAfterSeconds: 60 }).comment('acme/web', 1, 'x', once()),
    ).rejects.toBeInstanceOf(TransientIntegrationError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('translates a timeout into a TransientIntegrationError', async () => {
    sandbox.control.addFault({ service: 'github', delayMs: 500, count: 1 });

    await expect(tracker({ timeoutMs: 100 }).comment('acme/web', 1, 'slow', once())).rejects.toBeInstanceOf(
      TransientIntegrationError,
    );
  });
});
