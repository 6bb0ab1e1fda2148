import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { asana, control, github, startTestSandbox } from './sandbox-client.js';

/** Calls `path` n times and returns the statuses. */
async function statuses(call: () => Promise<{ status: number }>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await call()).status);
  return out;
}

describe('sandbox API fault injection', () => {
  let sandbox: Sandbox;
  let projectGid: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    projectGid = sandbox.control.createProject({ name: 'Faults' }).gid;
  });
  beforeEach(() => {
    sandbox.control.clearChaos();
    sandbox.control.clearFaults();
    sandbox.control.clearFaultLog();
  });
  afterAll(() => sandbox.stop());

  it('fails about the configured fraction of calls with the configured 5xx, and records each', async () => {
    sandbox.control.setChaos({
      seed: 7,
      api: [{ service: 'github', mode: 'error', status: 502, rate: 0.3 }],
    });

    const got = await statuses(() => github(sandbox, '/repos/acme/web'), 200);
    const failed = got.filter((s) => s === 502).length;

    expect(new Set(got)).toEqual(new Set([200, 502]));
    expect(failed).toBeGreaterThan(35);
    expect(failed).toBeLessThan(85);
    expect(sandbox.control.faults()).toMatchObject({
      total: failed,
      counts: { 'github.api.error': failed },
    });
    expect(sandbox.control.faults().log[0]).toMatchObject({
      service: 'github',
      kind: 'api.error',
      source: 'rate',
      method: 'GET',
      path: '/repos/acme/web',
      status: 502,
    });
  });

  it('draws the same faults again from the same seed, and other ones from another seed', async () => {
    const run = async (seed: number) => {
      sandbox.control.setChaos({ seed, api: [{ service: 'github', mode: 'error', rate: 0.5 }] });
      return statuses(() => github(sandbox, '/repos/acme/web'), 40);
    };

    const first = await run(3);
    const again = await run(3);
    const other = await run(4);

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('answers a 429 with Retry-After and the primary rate limit headers', async () => {
    sandbox.control.setChaos({
      api: [{ service: 'github', mode: 'rate_limit', rate: 1, retryAfterSeconds: 3 }],
    });

    const res = await github(sandbox, '/repos/acme/web');

    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded/) });
  });

  it("answers GitHub's secondary rate limit: 403, its message and documentation, Retry-After, quota left", async () => {
    sandbox.control.setChaos({
      api: [{ service: 'github', mode: 'secondary_rate_limit', rate: 1, retryAfterSeconds: 60 }],
    });

    const res = await github(sandbox, '/repos/acme/web/issues', { body: { title: 'x' } });

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      message: expect.stringMatching(
        /^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\. If you reach out to GitHub Support for help, please include the request ID [0-9A-F:]+\.$/,
      ),
      documentation_url: expect.stringMatching(/#about-secondary-rate-limits$/),
    });
    expect(res.headers.get('retry-after')).toBe('60');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(res.headers.get('x-github-request-id')).toBeTruthy();
    expect(sandbox.state.github.issues.filter((i) => i.title === 'x')).toEqual([]);
  });

  it('answers Asana calls with 429 + Retry-After and 5xx in Asana’s shapes', async () => {
    sandbox.control.setChaos({
      api: [
        { service: 'asana', mode: 'rate_limit', rate: 1, route: '/projects/:gid' },
        { service: 'asana', mode: 'error', status: 503, rate: 1 },
      ],
    });

    const limited = await asana(sandbox, `/projects/${projectGid}`);
    const failed = await asana(sandbox, `/projects/${projectGid}/tasks`);

    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toMatchObject({ errors: [{ message: expect.stringMatching(/too many requests/) }] });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ errors: [{ message: 'Server Error' }] });
  });

  it('refuses a secondary rate limit for Asana, naming the field', async () => {
    const res = await control(sandbox, '/chaos', {
      method: 'PUT',
      body: { api: [{ service: 'asana', mode: 'secondary_rate_limit', rate: 1 }] },
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { issues: [{ path: 'api.0.mode' }] } });
  });

  it('answers a slow call only after the delay, beyond a client timeout, and still performs it', async () => {
    sandbox.control.setChaos({
      api: [{ service: 'github', mode: 'slow', rate: 1, delayMs: 400, method: 'POST' }],
    });

    const started = Date.now();
    const aborted = await fetch(`${sandbox.url}/github/repos/acme/web/issues`, {
      method: 'POST',
      headers: { authorization: 'token gh-sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'slow one' }),
      signal: AbortSignal.timeout(100),
    }).catch((error: Error) => error.name);
    const fast = await github(sandbox, '/repos/acme/web');
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(aborted).toBe('TimeoutError');
    expect(fast.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(sandbox.state.github.issues.filter((i) => i.title === 'slow one')).toHaveLength(1);
    expect(sandbox.control.faults().log).toEqual([
      expect.objectContaining({
        kind: 'api.slow',
        delayMs: 400,
        method: 'POST',
        path: '/repos/acme/web/issues',
      }),
    ]);
  });

  it('matches routes by pattern and method: only those calls fail', async () => {
    sandbox.control.setChaos({
      api: [
        { service: 'github', mode: 'error', rate: 1, method: 'GET', route: '/repos/:owner/:repo/issues/:n' },
      ],
    });
    const created = await github<{ number: number }>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'r' },
    });

    const one = await github(sandbox, `/repos/acme/web/issues/${created.body.number}`);
    const list = await github(sandbox, '/repos/acme/web/issues');
    const comments = await github(sandbox, `/repos/acme/web/issues/${created.body.number}/comments`);

    expect([created.status, one.status, list.status, comments.status]).toEqual([201, 500, 200, 200]);
  });

  it('applies "next N calls" faults before the rates, and records them too', async () => {
    sandbox.control.setChaos({ api: [{ service: 'github', mode: 'error', rate: 1, status: 500 }] });
    sandbox.control.addFault({ service: 'github', status: 429, count: 2 });

    const got = await statuses(() => github(sandbox, '/repos/acme/web'), 3);

    expect(got).toEqual([429, 429, 500]);
    expect(sandbox.control.faults().counts).toEqual({ 'github.api.rate_limit': 2, 'github.api.error': 1 });
    expect(sandbox.control.faults().log.map((f) => f.source)).toEqual(['next', 'next', 'rate']);
  });

  it('is driven by the control API: PUT, GET and DELETE /sandbox/chaos, GET /sandbox/faults', async () => {
    const put = await control(sandbox, '/chaos', {
      method: 'PUT',
      body: { seed: 'ci', api: [{ service: 'asana', mode: 'error', rate: 1 }] },
    });
    const failed = await asana(sandbox, `/projects/${projectGid}/tasks`);
    const got = await control(sandbox, '/chaos');
    const report = await control(sandbox, '/faults');
    const off = await control(sandbox, '/chaos', { method: 'DELETE' });
    const ok = await asana(sandbox, `/projects/${projectGid}/tasks`);

    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      seed: 'ci',
      api: [{ status: 500, retryAfterSeconds: 1 }],
      webhooks: {},
    });
    expect(failed.status).toBe(500);
    expect(got.body).toEqual(put.body);
    expect(report.body).toMatchObject({
      config: put.body,
      total: 1,
      counts: { 'asana.api.error': 1 },
      pending: [],
    });
    expect(off.status).toBe(204);
    expect(ok.status).toBe(200);
    expect(sandbox.control.health()).toMatchObject({ chaos: false, injected: { total: 1 } });
  });

  it('answers 400 naming the fields of an invalid chaos config', async () => {
    const res = await control(sandbox, '/chaos', {
      method: 'PUT',
      body: { api: [{ service: 'gitlab', mode: 'error', rate: 2 }], webhooks: { github: { drop: -1 } } },
    });

    expect(res.status).toBe(400);
    expect((res.body as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['api.0.service', 'api.0.rate', 'webhooks.github.drop']),
    );
  });
});
