import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_LIMITS as limits } from '#core/accounts/session.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import {
  Browser,
  COOKIE,
  createHarness,
  INIT_TOKEN,
  member,
  PASSWORD,
  seedProject,
  signedInAdmin,
  type Harness,
} from './harness.js';

describe('console accounts', () => {
  let db: Dynalite;
  let h: Harness;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
  });

  describe('first admin', () => {
    it('says the console is not initialised until the first admin exists', async () => {
      const browser = new Browser(h.app);

      expect((await browser.get('/auth/session')).json).toEqual({ initialised: false, user: null });
    });

    it('creates exactly one admin with the init token, signed in behind a __Host- HttpOnly cookie', async () => {
      const browser = new Browser(h.app);

      const res = await browser.post('/auth/init', {
        token: INIT_TOKEN,
        username: 'Root',
        password: PASSWORD,
      });

      expect(res.status).toBe(200);
      expect(res.json.user).toMatchObject({ username: 'root', admin: true });
      expect(res.headers.get('set-cookie')).toMatch(
        new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Lax$`),
      );
      expect((await browser.get('/auth/session')).json).toMatchObject({
        initialised: true,
        user: { username: 'root' },
      });
      const again = await new Browser(h.app).post('/auth/init', {
        token: INIT_TOKEN,
        username: 'eve',
        password: PASSWORD,
      });
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('already_initialised');
    });

    it('refuses a wrong token and a weak password, naming the field', async () => {
      const browser = new Browser(h.app);

      expect(
        (await browser.post('/auth/init', { token: 'x'.repeat(32), username: 'root', password: PASSWORD }))
          .status,
      ).toBe(401);
      const weak = await browser.post('/auth/init', {
        token: INIT_TOKEN,
        username: 'root',
        password: 'short',
      });
      expect(weak.status).toBe(400);
      expect(weak.json.error.issues).toEqual([
        { path: 'password', message: 'must be at least 12 characters' },
      ]);
      const badName = await browser.post('/auth/init', {
        token: INIT_TOKEN,
        username: 'a b',
        password: PASSWORD,
      });
      expect(badName.json.error.issues[0].path).toBe('username');
    });

    it('lets only one of two racing requests win', async () => {
      const [a, b] = await Promise.all([
        new Browser(h.app).post('/auth/init', { token: INIT_TOKEN, username: 'first', password: PASSWORD }),
        new Browser(h.app).post('/auth/init', { token: INIT_TOKEN, username: 'second', password: PASSWORD }),
      ]);

      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect(await h.deps.users.listUsers()).toHaveLength(1);
    });
  });

  describe('sessions', () => {
    it('rotates the cookie at sign-in and ends the session it replaces', async () => {
      const admin = await signedInAdmin(h);
      const before = admin.cookie;

      const res = await admin.post('/auth/login', { username: 'root-admin', password: PASSWORD });

      expect(res.status).toBe(200);
      expect(admin.cookie).toBeDefined();
      expect(admin.cookie).not.toBe(before);
      const stale = new Browser(h.app);
      stale.cookie = before;
      expect((await stale.get('/projects')).status).toBe(401);
    });

    it('says only "wrong username or password", whichever was wrong', async () => {
      await signedInAdmin(h);
      const browser = new Browser(h.app);

      const badPassword = await browser.post('/auth/login', {
        username: 'root-admin',
        password: 'not the password',
      });
      const badUser = await browser.post('/auth/login', { username: 'nobody', password: PASSWORD });

      expect(badPassword.status).toBe(401);
      expect(badUser.json).toEqual(badPassword.json);
    });

    it('signs out: the session ends and the cookie is cleared', async () => {
      const admin = await signedInAdmin(h);
      const cookie = admin.cookie;

      const res = await admin.post('/auth/logout');

      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${COOKIE}=; Max-Age=0`));
      const replay = new Browser(h.app);
      replay.cookie = cookie;
      expect((await replay.get('/projects')).status).toBe(401);
    });

    it('ends after the idle timeout and clears the cookie', async () => {
      const admin = await signedInAdmin(h);
      h.clock.advance(limits.idleMs - 1000);
      expect((await admin.get('/projects')).status).toBe(200);

      h.clock.advance(limits.idleMs + 1);
      const res = await admin.get('/projects');

      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    });

    it('ends at the absolute timeout however active it is', async () => {
      const admin = await signedInAdmin(h);
      for (let hours = 1; hours < 12; hours++) {
        h.clock.advance(3600_000);
        expect((await admin.get('/projects')).status).toBe(200);
      }

      h.clock.advance(3600_000);

      expect((await admin.get('/projects')).status).toBe(401);
    });

    it('ignores a cookie that is not one of ours', async () => {
      const browser = new Browser(h.app);
      browser.cookie = 'forged';

      expect((await browser.get('/projects')).status).toBe(401);
    });
  });

  describe('invites', () => {
    it('sets username and password from a one-time link that shows the project and role', async () => {
      const admin = await signedInAdmin(h);
      const project = await seedProject(h);
      const invite = await admin.post(`/projects/${project.slug}/invites`, { role: 'editor' });
      const token = String(invite.json.link).split('#')[1];
      expect(invite.json.link).toMatch(/^https:\/\/console\.example\.test\/invite#[A-Za-z0-9_-]{43}$/);
      const browser = new Browser(h.app);

      expect((await browser.post('/auth/invite/inspect', { token })).json).toMatchObject({
        project: { name: 'Acme', slug: 'acme' },
        role: 'editor',
      });
      const accepted = await browser.post('/auth/invite/accept', {
        token,
        username: 'eddie',
        password: PASSWORD,
      });

      expect(accepted.status).toBe(200);
      expect((await browser.get('/projects')).json.items).toEqual([
        expect.objectContaining({ slug: 'acme', role: 'editor' }),
      ]);
      const reuse = await new Browser(h.app).post('/auth/invite/accept', {
        token,
        username: 'eddie2',
        password: PASSWORD,
      });
      expect(reuse.status).toBe(410);
    });

    it('keeps the link valid when the chosen username is taken', async () => {
      const admin = await signedInAdmin(h);
      await seedProject(h);
      const token = String((await admin.post('/projects/acme/invites', { role: 'viewer' })).json.link).split(
        '#',
      )[1];
      const browser = new Browser(h.app);

      const taken = await browser.post('/auth/invite/accept', {
        token,
        username: 'root-admin',
        password: PASSWORD,
      });
      expect(taken.status).toBe(400);
      expect(taken.json.error.issues).toEqual([{ path: 'username', message: 'is taken' }]);
      expect(
        (await browser.post('/auth/invite/accept', { token, username: 'viv', password: PASSWORD })).status,
      ).toBe(200);
    });

    it('expires after 7 days, and can be revoked', async () => {
      const admin = await signedInAdmin(h);
      await seedProject(h);
      const first = await admin.post('/projects/acme/invites', { role: 'viewer' });
      const second = await admin.post('/projects/acme/invites', { role: 'viewer' });
      const tokenOf = (r: typeof first) => String(r.json.link).split('#')[1];

      expect((await admin.delete(`/projects/acme/invites/${second.json.invite.inviteId}`)).status).toBe(204);
      expect((await new Browser(h.app).post('/auth/invite/inspect', { token: tokenOf(second) })).status).toBe(
        410,
      );
      h.clock.advance(7 * 24 * 3600_000);
      expect((await new Browser(h.app).post('/auth/invite/inspect', { token: tokenOf(first) })).status).toBe(
        410,
      );
    });

    it('lets admins list invites (state, never the token) and change or remove members', async () => {
      const admin = await signedInAdmin(h);
      await seedProject(h);
      const viewer = await member(h, admin, 'acme', 'viewer', 'vera');
      const members = (await admin.get('/projects/acme/members')).json.items as {
        userId: string;
        username: string;
      }[];
      const vera = members.find((m) => m.username === 'vera')!;

      expect((await admin.get('/projects/acme/invites')).json.items).toEqual([
        expect.objectContaining({ state: 'used', usedBy: 'vera' }),
      ]);
      expect((await admin.put(`/projects/acme/members/${vera.userId}`, { role: 'editor' })).status).toBe(200);
      expect((await viewer.get('/projects/acme')).json.role).toBe('editor');
      expect((await admin.delete(`/projects/acme/members/${vera.userId}`)).status).toBe(204);
      expect((await viewer.get('/projects/acme')).status).toBe(404);
      expect((await admin.post('/projects/acme/members', { username: 'vera', role: 'viewer' })).status).toBe(
        201,
      );
      expect((await viewer.get('/projects/acme')).json.role).toBe('viewer');
    });
  });
});
