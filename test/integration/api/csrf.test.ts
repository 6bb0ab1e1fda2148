import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { Browser, createHarness, PASSWORD, seedProject, signedInAdmin, type Harness } from './harness.js';

describe('CSRF defence', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    await seedProject(h);
  });

  const killSwitch = (b: Browser, headers: Record<string, string> = {}) =>
    b.request('PUT', '/projects/acme/kill-switch', { on: true }, headers);

  it('accepts a state change with the session’s token from the console’s origin', async () => {
    expect((await killSwitch(admin)).status).toBe(200);
  });

  it('refuses a signed-in state change without the token or with another session’s token', async () => {
    const other = await new Browser(h.app).post('/auth/login', {
      username: 'root-admin',
      password: PASSWORD,
    });

    expect((await killSwitch(admin, { 'x-csrf-token': '' })).json.error.code).toBe('csrf');
    expect((await killSwitch(admin, { 'x-csrf-token': String(other.json.csrfToken) })).status).toBe(403);
    expect(
      (await h.deps.killSwitches.isKilled((await h.deps.projects.getProjectBySlug('acme'))!.projectId))
        .project,
    ).toBe(false);
  });

  it('refuses a request from another origin even with the token, signed in or not', async () => {
    expect((await killSwitch(admin, { origin: 'https://evil.example' })).status).toBe(403);
    const login = await new Browser(h.app, { origin: 'https://evil.example' }).post('/auth/login', {
      username: 'root-admin',
      password: PASSWORD,
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cross-site request that carries no Origin but says where it came from', async () => {
    const noOrigin = new Browser(h.app, { origin: null });
    noOrigin.cookie = admin.cookie;
    noOrigin.csrf = admin.csrf;

    expect((await killSwitch(noOrigin, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await killSwitch(noOrigin, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('requires JSON before sign-in, which a cross-site form cannot send', async () => {
    const res = await h.app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=root-admin&password=x',
    });

    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_body');
  });

  it('lets reads through without a token', async () => {
    const reader = new Browser(h.app);
    reader.cookie = admin.cookie;

    expect((await reader.get('/projects/acme/tasks')).status).toBe(200);
  });
});
