import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reached, startTestProduct, waitForTask } from '../../helpers/local-product.js';

const ADMIN_PASSWORD = 'violet lantern quarry 42';
const MEMBER_PASSWORD = 'copper meadow ticket 77';

/** A browser against the running product: keeps the cookie, sends Origin and the CSRF token. */
function client(base: string) {
  let cookie = '';
  let csrf = '';
  const cookies: string[] = [];
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: {
        origin: base,
        ...(cookie && { cookie }),
        ...(csrf && { 'x-csrf-token': csrf }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const set = res.headers.get('set-cookie');
    if (set) {
      cookie = set.split(';')[0] ?? '';
      cookies.push(cookie.split('=')[1] ?? '');
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (typeof json.csrfToken === 'string') csrf = json.csrfToken;
    return { status: res.status, json };
  }
  return { call, cookies, csrf: () => csrf };
}

describe('secrets in the logs of a whole run (console API, receivers, worker)', () => {
  let product: Awaited<ReturnType<typeof startTestProduct>>;

  beforeAll(async () => {
    product = await startTestProduct();
  });
  afterAll(async () => {
    await product.stop();
    product.cleanup();
  });

  it('no captured log line holds a token, secret, password, session or invite token used in the run', async () => {
    // Prepare: drive every door that handles a secret.
    const { projectId, asanaProjectGid } = product.demo!;
    const base = product.stack.url;
    const initToken = product.stack.console.initAdmin.token;
    const alice = client(base);
    const bob = client(base);
    const stranger = client(base);
    expect(
      (
        await alice.call('POST', '/auth/init', {
          token: initToken,
          username: 'alice',
          password: ADMIN_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const tokens = await product.stack.secrets.tokens.get(projectId);
    await alice.call('PUT', '/projects/demo/settings/secrets', {
      githubToken: tokens.github,
      asanaToken: tokens.asana,
    });
    const invite = await alice.call('POST', '/projects/demo/invites', { role: 'editor' });
    const inviteToken = String(invite.json.link).split('#')[1] ?? '';
    expect(
      (
        await bob.call('POST', '/auth/invite/accept', {
          token: inviteToken,
          username: 'bob',
          password: MEMBER_PASSWORD,
        })
      ).status,
    ).toBe(200);
    await stranger.call('POST', '/auth/login', { username: MEMBER_PASSWORD, password: ADMIN_PASSWORD });
    await stranger.call('POST', '/auth/login', { username: 'alice', password: MEMBER_PASSWORD });
    await stranger.call('POST', '/auth/invite/inspect', { token: inviteToken });
    expect((await alice.call('POST', '/projects/demo/webhooks/asana/setup')).status).toBe(200);
    expect((await alice.call('POST', '/projects/demo/webhooks/github/validate')).status).toBe(200);
    const { gid } = product.sandbox!.control.createTask({
      projectGid: asanaProjectGid,
      name: 'Log-scan task',
      autoTask: true,
      repo: 'acme/api',
    }) as { gid: string };
    await waitForTask(product, gid, reached('DEPLOYED'), 30_000);
    await fetch(`${base}/webhooks/github/${projectId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': 'sha256=00',
      },
      body: '{}',
    });

    // Act: every value that must stay secret.
    const webhookSecrets = await product.stack.secrets.get(projectId);
    const secrets = {
      initToken,
      adminPassword: ADMIN_PASSWORD,
      memberPassword: MEMBER_PASSWORD,
      githubToken: tokens.github!,
      asanaToken: tokens.asana!,
      githubWebhookSecret: webhookSecrets.github!,
      ...Object.fromEntries(
        (webhookSecrets.asana ?? '').split(' ').map((s, i) => [`asanaWebhookSecret${i}`, s]),
      ),
      inviteToken,
      ...Object.fromEntries([...alice.cookies, ...bob.cookies].map((s, i) => [`session${i}`, s])),
      aliceCsrf: alice.csrf(),
      bobCsrf: bob.csrf(),
    };
    const lines = product.logs.lines.map((l) => JSON.stringify(l));

    // Assess
    expect(Object.values(secrets).every((s) => s.length >= 8)).toBe(true);
    expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(12);
    // Lines from each door were captured: the console API, both receivers and the worker.
    const messages = new Set(product.logs.lines.map((l) => l.message));
    expect(
      [
        'api request',
        'sign-in failed',
        'asana delivery accepted',
        'github delivery accepted',
        'github signature rejected',
        'delivery processed',
      ].filter((m) => !messages.has(m)),
    ).toEqual([]);
    const leaks = Object.entries(secrets).flatMap(([name, value]) =>
      lines.filter((l) => l.includes(value)).map((l) => `${name}: ${l.slice(0, 200)}`),
    );
    expect(leaks).toEqual([]);
  }, 60_000);
});
