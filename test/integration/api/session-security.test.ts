import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_LIMITS as limits } from '#core/accounts/session.js';
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

describe('session security', () => {
  let db: Dynalite;
  let h: Harness;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
  });

  describe('fixation', () => {
    it('never accepts a session id planted before sign-in, at sign-in or after it', async () => {
      // Prepare: an attacker plants a cookie value of their choosing in the victim's browser.
      await signedInAdmin(h);
      const victim = new Browser(h.app);
      const planted = 'attacker-chosen-session-id-0123456789abcdef';
      victim.cookie = planted;

      // Act
      const res = await victim.post('/auth/login', { username: 'root-admin', password: PASSWORD });

      // Assess
      expect(res.status).toBe(200);
      expect(victim.cookie).toBeDefined();
      expect(victim.cookie).not.toBe(planted);
      const attacker = new Browser(h.app);
      attacker.cookie = planted;
      expect((await attacker.get('/auth/session')).json.user).toBeNull();
      expect((await attacker.get('/projects')).status).toBe(401);
      expect(await h.deps.sessions.getSession(planted)).toBeUndefined();
    });

    it('rotates a real session planted by the attacker: the victim gets a new one, the attacker’s ends', async () => {
      // Prepare: the attacker signs in to their own account and plants that valid cookie.
      const admin = await signedInAdmin(h);
      await seedProject(h);
      const attacker = await member(h, admin, 'acme', 'viewer', 'mallory');
      const victim = new Browser(h.app);
      victim.cookie = attacker.cookie;

      // Act: the victim opens the console (which reads the session, as the SPA does) and signs in.
      await victim.get('/auth/session');
      await victim.post('/auth/login', { username: 'root-admin', password: PASSWORD });

      // Assess: the victim's session is new; the attacker's old id is no session at all.
      expect(victim.cookie).not.toBe(attacker.cookie);
      expect((await victim.get('/auth/session')).json.user.username).toBe('root-admin');
      const asAttacker = await attacker.get('/auth/session');
      expect(asAttacker.json.user).toBeNull();
      expect((await attacker.get('/projects')).status).toBe(401);
    });

    it('rotates at first-admin setup and at invite acceptance too', async () => {
      const planted = 'planted-before-init-0123456789abcdef0123';
      const first = new Browser(h.app);
      first.cookie = planted;
      await first.post('/auth/init', { token: INIT_TOKEN, username: 'root-admin', password: PASSWORD });
      await seedProject(h);
      const link = String((await first.post('/projects/acme/invites', { role: 'viewer' })).json.link);
      const invited = new Browser(h.app);
      invited.cookie = first.cookie;
      await invited.get('/auth/session');

      await invited.post('/auth/invite/accept', {
        token: link.split('#')[1],
        username: 'ivy',
        password: PASSWORD,
      });

      expect(first.cookie).not.toBe(planted);
      expect(invited.cookie).not.toBe(first.cookie);
      expect((await invited.get('/auth/session')).json.user.username).toBe('ivy');
      // The invite accepted in the admin's browser ended the admin's session there.
      expect((await first.get('/projects')).status).toBe(401);
    });
  });

  describe('expiry', () => {
    it('refuses and deletes a session past its idle end that DynamoDB TTL has not removed yet', async () => {
      const admin = await signedInAdmin(h);
      const token = admin.cookie!;
      h.clock.advance(limits.idleMs + 1);
      expect(await h.deps.sessions.getSession(token)).toBeDefined();

      const res = await admin.get('/projects');

      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      expect(await h.deps.sessions.getSession(token)).toBeUndefined();
    });

    it('refuses a session past its absolute end even when used every few minutes', async () => {
      const admin = await signedInAdmin(h);
      const steps = Math.ceil(limits.absoluteMs / (limits.idleMs / 2));
      let lastOk = 0;
      for (let i = 1; i <= steps + 1; i++) {
        h.clock.advance(limits.idleMs / 2);
        if ((await admin.get('/projects')).status === 200) lastOk = i * (limits.idleMs / 2);
      }

      expect(lastOk).toBeLessThanOrEqual(limits.absoluteMs);
      expect(lastOk).toBeGreaterThan(limits.absoluteMs - limits.idleMs);
      expect((await admin.get('/projects')).status).toBe(401);
    });

    it('does not extend a session by signing in again elsewhere', async () => {
      const first = await signedInAdmin(h);
      const other = new Browser(h.app);
      await other.post('/auth/login', { username: 'root-admin', password: PASSWORD });
      h.clock.advance(limits.idleMs + 1);

      expect((await first.get('/projects')).status).toBe(401);
      expect((await other.get('/projects')).status).toBe(401);
    });
  });
});
