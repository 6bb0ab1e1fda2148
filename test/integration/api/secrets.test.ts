import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import {
  Browser,
  createHarness,
  INIT_TOKEN,
  member,
  PASSWORD,
  seedProject,
  signedInAdmin,
  type Harness,
} from './harness.js';

describe('secrets never leave the API', () => {
  let db: Dynalite;
  let h: Harness;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    db = await startDynalite();
    h = await createHarness(db);
  });
  afterAll(() => db.stop());

  it('appear in no response body or header (but the session cookie) and in no log line', async () => {
    const admin = await signedInAdmin(h);
    browsers.push(admin);
    const project = await seedProject(h);
    const editor = await member(h, admin, 'acme', 'editor', 'eddie');
    browsers.push(editor);
    const invite = await admin.post('/projects/acme/invites', { role: 'viewer' });
    const inviteToken = String(invite.json.link).split('#')[1] ?? '';
    await admin.put('/projects/acme/settings/secrets', { githubToken: 'ghp_NEWSECRETtoken1111111111' });
    const stranger = new Browser(h.app);
    browsers.push(stranger);
    await stranger.post('/auth/login', { username: 'eddie', password: `${PASSWORD}!` });
    await stranger.post('/auth/login', { username: PASSWORD, password: PASSWORD });
    await stranger.post('/auth/invite/inspect', { token: inviteToken });
    for (const path of [
      '/projects',
      '/projects/acme',
      '/projects/acme/settings',
      '/projects/acme/webhooks',
      '/projects/acme/members',
      '/auth/session',
    ])
      for (const b of [admin, editor]) await b.get(path);
    await admin.get('/projects/acme/invites');

    const users = await h.deps.users.listUsers();
    const secrets = [
      PASSWORD,
      INIT_TOKEN,
      ...Object.values(h.secrets.values.get(project.projectId) ?? {}),
      ...users.map((u) => u.passwordHash),
      ...browsers.map((b) => b.cookie).filter((c): c is string => c !== undefined),
    ];
    const responses = browsers.flatMap((b) => b.seen);
    const withoutCookies = responses.map(
      ({ headers, body }) => JSON.stringify({ ...headers, 'set-cookie': undefined }) + body,
    );
    const logs = h.logger.lines.map((l) => JSON.stringify(l));

    expect(secrets.length).toBeGreaterThan(8);
    for (const secret of secrets) {
      expect(withoutCookies.filter((r) => r.includes(secret))).toEqual([]);
      expect(logs.filter((l) => l.includes(secret))).toEqual([]);
    }
    // The invite link is handed out once, to the admin who created it, and logged nowhere.
    expect(withoutCookies.filter((r) => r.includes(inviteToken))).toHaveLength(1);
    expect(logs.filter((l) => l.includes(inviteToken))).toEqual([]);
  });
});
