import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { Browser, createHarness, PASSWORD, type Harness } from './harness.js';

describe('sign-in throttling', () => {
  let db: Dynalite;
  let h: Harness;
  const cheap = new ScryptPasswordHasher({ log2N: 10, r: 8, p: 1 });

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    h.deps.passwords = cheap;
    for (const name of ['alice', ...Array.from({ length: 21 }, (_, i) => `user${i}`)]) {
      await h.deps.users.createUser({
        userId: `u-${name}`,
        username: name,
        passwordHash: await cheap.hash(PASSWORD),
        admin: false,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
  });

  const login = (client: string, username: string, password: string) =>
    new Browser(h.app, { client }).post('/auth/login', { username, password });

  it('blocks an account after 5 failures in the window, even with the right password, until the window ends', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login(`10.0.0.${i}`, 'alice', 'wrong password!')).status).toBe(401);

    const blocked = await login('10.0.1.1', 'alice', PASSWORD);

    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('10.0.1.1', 'user0', PASSWORD)).status).toBe(200);
    h.clock.advance(15 * 60_000);
    expect((await login('10.0.1.1', 'alice', PASSWORD)).status).toBe(200);
  });

  it('blocks a client after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) await login('203.0.113.5', `user${i}`, 'wrong password!');

    expect((await login('203.0.113.5', 'user20', PASSWORD)).status).toBe(429);
    expect((await login('203.0.113.6', 'user20', PASSWORD)).status).toBe(200);
  });

  it('forgets an account’s failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await login('10.0.2.1', 'alice', 'wrong password!');
    expect((await login('10.0.2.2', 'alice', PASSWORD)).status).toBe(200);

    for (let i = 0; i < 4; i++) await login('10.0.2.3', 'alice', 'wrong password!');

    expect((await login('10.0.2.4', 'alice', PASSWORD)).status).toBe(200);
  });
});
