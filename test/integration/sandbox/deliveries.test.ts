import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { startReceiver, type Receiver } from './receiver.js';
import { github, startTestSandbox } from './sandbox-client.js';

describe('sandbox webhook deliveries', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    receiver.requests.length = 0;
    receiver.respondWith(200);
  });
  afterEach(() => sandbox.stop());
  afterAll(() => receiver.stop());

  it('retries a 5xx with the same delivery id and records every attempt', async () => {
    sandbox.control.registerHook({ repo: 'acme/web', url: `${receiver.url}/retry`, events: ['issues'] });
    await receiver.waitFor((r) => r.headers['x-github-event'] === 'ping');
    let failures = 2;
    receiver.respondWith(() => (failures-- > 0 ? 503 : 200));

    await github(sandbox, '/repos/acme/web/issues', { body: { title: 'retry me' } });
    const attempts = await receiver.waitFor((r) => r.headers['x-github-event'] === 'issues', 3);
    await sandbox.control.idle();
    const records = sandbox.state.deliveries.filter((d) => d.event === 'issues.opened');

    expect(new Set(attempts.map((a) => a.headers['x-github-delivery'])).size).toBe(1);
    expect(records.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    expect(sandbox.state.github.hooks[0]?.lastResponse).toMatchObject({ code: 200, status: 'active' });
  });

  it('does not retry a 4xx, and reports the failure in health', async () => {
    receiver.respondWith(400);
    sandbox.control.registerHook({ repo: 'acme/web', url: `${receiver.url}/reject`, events: ['issues'] });

    await github(sandbox, '/repos/acme/web/issues', { body: { title: 'rejected' } });
    await receiver.waitFor((r) => r.path === '/reject');
    await sandbox.control.idle();

    expect(sandbox.state.deliveries.filter((d) => d.event === 'issues.opened')).toHaveLength(1);
    expect(sandbox.control.health().deliveries.github).toMatchObject({
      failed: 2,
      lastFailure: { status: 400, event: 'issues.opened' },
    });
  });

  it('gives up after the retries on a network error, without blocking the API call', async () => {
    sandbox.control.registerHook({
      repo: 'acme/web',
      url: 'http://127.0.0.1:1/unreachable',
      events: ['issues'],
    });

    const response = await github(sandbox, '/repos/acme/web/issues', { body: { title: 'nobody listens' } });
    const attemptsAtResponse = sandbox.state.deliveries.filter((d) => d.event === 'issues.opened').length;
    await sandbox.control.idle();
    const attempts = sandbox.state.deliveries.filter((d) => d.event === 'issues.opened');

    expect(response.status).toBe(201);
    expect(attemptsAtResponse).toBeLessThanOrEqual(1);
    expect(attempts).toHaveLength(4);
    expect(attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
  });

  it('sends form-encoded payloads to hooks that ask for them', async () => {
    await github(sandbox, '/repos/acme/web/hooks', {
      body: { config: { url: `${receiver.url}/form` }, events: ['issues'] },
    });

    await github(sandbox, '/repos/acme/web/issues', { body: { title: 'form' } });
    const [delivery] = await receiver.waitFor(
      (r) => r.path === '/form' && r.headers['x-github-event'] === 'issues',
    );

    expect(delivery!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(JSON.parse(new URLSearchParams(delivery!.body).get('payload') ?? '{}')).toMatchObject({
      action: 'opened',
    });
  });
});
