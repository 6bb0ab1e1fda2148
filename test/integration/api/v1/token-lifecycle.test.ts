import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { signedInAdmin, type Browser } from '../harness.js';
import { seedTwoProjects, type TwoProjects } from './v1-fixture.js';
import { call, createV1Harness, type V1Harness } from './v1-harness.js';

describe('API tokens from the console to /api/v1', () => {
  let db: Dynalite;
  let h: V1Harness;
  let seed: TwoProjects;
  let admin: Browser;
  /** Secrets minted by the tests, for the final scan of logs and items. */
  const minted: string[] = [];

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    admin = await signedInAdmin(h);
    seed = await seedTwoProjects(h);
  });
  afterAll(() => db.stop());

  it('creates a token in the console, shows the secret once, and the token works at once', async () => {
    const created = await admin.post('/projects/acme/api-tokens', { name: 'ci', role: 'viewer' });
    minted.push(created.json.secret);
    const list = await admin.get('/projects/acme/api-tokens');
    const used = await call(h, 'GET', '/project', { token: created.json.secret });

    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^afp_[0-9A-Za-z]{49}$/);
    expect(JSON.stringify(list.json)).not.toContain(created.json.secret);
    expect(list.json.items).toContainEqual(
      expect.objectContaining({ name: 'ci', role: 'viewer', state: 'active' }),
    );
    expect(used.json).toMatchObject({ slug: 'acme' });
  });

  it('records last use, at most once a minute', async () => {
    const { secret, token } = seed.tokens.viewer;
    await call(h, 'GET', '/project', { token: secret });
    const first = (await h.v1deps.apiTokens.getApiToken(seed.a.projectId, token.tokenId))?.lastUsedAt;
    h.clock.advance(30_000);
    await call(h, 'GET', '/project', { token: secret });
    const halfMinute = (await h.v1deps.apiTokens.getApiToken(seed.a.projectId, token.tokenId))?.lastUsedAt;
    h.clock.advance(30_000);
    await call(h, 'GET', '/project', { token: secret });
    const minute = (await h.v1deps.apiTokens.getApiToken(seed.a.projectId, token.tokenId))?.lastUsedAt;

    expect(first).toBeDefined();
    expect(halfMinute).toBe(first);
    expect(Date.parse(minute!) - Date.parse(first!)).toBe(60_000);
  });

  it('revokes in the console with immediate effect, audited', async () => {
    const created = await admin.post('/projects/acme/api-tokens', { name: 'short-lived', role: 'editor' });
    const before = await call(h, 'GET', '/tasks', { token: created.json.secret });

    const revoked = await admin.delete(`/projects/acme/api-tokens/${created.json.token.tokenId}`);
    const after = await call(h, 'GET', '/tasks', { token: created.json.secret });
    const chain = await h.audit.listChain(seed.a.projectId);

    expect([before.status, revoked.status, after.status]).toEqual([200, 200, 401]);
    expect(revoked.json).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    expect(
      chain.filter((e) => e.subject === `token:${created.json.token.tokenId}`).map((e) => [e.type, e.actor]),
    ).toEqual([
      ['api_token.created', 'user:root-admin'],
      ['api_token.revoked', 'user:root-admin'],
    ]);
  });

  it('stops an expired token', async () => {
    const expiresAt = new Date(h.clock.now().getTime() + 3600_000).toISOString();
    const created = await admin.post('/projects/acme/api-tokens', {
      name: 'hour',
      role: 'viewer',
      expiresAt,
    });
    const now = await call(h, 'GET', '/project', { token: created.json.secret });
    h.clock.advance(3600_000);
    const later = await call(h, 'GET', '/project', { token: created.json.secret });

    expect([now.status, later.status]).toEqual([200, 401]);
  });

  it('never lets a token mint a token above its own role, and audits tokens minted through the API', async () => {
    const { projectId } = seed.a;
    const { createApiToken } = await import('#lambdas/app/manage-api-tokens.js');
    const editor = await createApiToken(
      { projectId, request: { name: 'e', role: 'editor' }, creator: { id: 'user:x', role: 'admin' } },
      h.v1deps,
    );
    await expect(
      createApiToken(
        {
          projectId,
          request: { name: 'up', role: 'admin' },
          creator: { id: `token:${editor.token.tokenId}`, role: 'editor' },
        },
        h.v1deps,
      ),
    ).rejects.toThrow(/above your own role/);

    const minted = await call(h, 'POST', '/tokens', {
      token: seed.tokens.admin.secret,
      body: { name: 'child', role: 'viewer' },
    });
    const chain = await h.audit.listChain(projectId);

    expect(minted.status).toBe(201);
    expect(chain.at(-1)).toMatchObject({
      type: 'api_token.created',
      actor: `token:${seed.tokens.admin.token.tokenId}`,
    });
  });

  it('decides approvals as the token, which counts as its own approver', async () => {
    await h.approvals.createApproval({
      ...(await h.approvals.getApproval(seed.a.projectId, 'a-approve'))!,
      approvalId: 'a-two',
      requiredApprovals: 2,
      version: 0,
    });
    const first = await call(h, 'POST', '/approvals/a-two/decision', {
      token: seed.tokens.editor.secret,
      body: { decision: 'approve' },
    });
    const same = await call(h, 'POST', '/approvals/a-two/decision', {
      token: seed.tokens.editor.secret,
      body: { decision: 'approve' },
    });
    const second = await call(h, 'POST', '/approvals/a-two/decision', {
      token: seed.tokens.admin.secret,
      body: { decision: 'approve' },
    });

    expect(first.json.approval.votes).toEqual([
      expect.objectContaining({ userId: `token:${seed.tokens.editor.token.tokenId}` }),
    ]);
    expect(same.status).toBe(409);
    expect(second.json.approval.status).toBe('approved');
  });

  it('creates a token once per idempotency key and never keeps its secret for a replay', async () => {
    const request = {
      token: seed.tokens.admin.secret,
      body: { name: 'once', role: 'viewer' },
      headers: { 'idempotency-key': 'mint-1' },
    };
    const first = await call(h, 'POST', '/tokens', request);
    const again = await call(h, 'POST', '/tokens', request);
    const named = (await h.v1deps.apiTokens.listApiTokens(seed.a.projectId)).filter((t) => t.name === 'once');

    minted.push(first.json.secret);
    expect([first.status, again.status]).toEqual([201, 409]);
    expect(again.json.detail).toMatch(/shown once/);
    expect(named).toHaveLength(1);
  });

  it('keeps token secrets out of every log line and every stored item', async () => {
    const secrets = [...Object.values(seed.tokens).map((t) => t.secret)];
    const created = await admin.post('/projects/acme/api-tokens', { name: 'logged?', role: 'viewer' });
    secrets.push(created.json.secret);
    for (const secret of secrets) {
      await call(h, 'GET', '/project', { token: secret });
      await call(h, 'POST', '/links', { token: secret, body: { title: 'x' } });
    }
    await call(h, 'GET', '/nope', { token: secrets[0] });

    const logged = JSON.stringify(h.logger.lines);
    expect(h.logger.lines.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(logged.includes(secret)).toBe(false);
    for (const secret of secrets) expect(logged.includes(secret.slice(4, 20))).toBe(false);
    const stored = JSON.stringify(
      (await h.table.client.send(new ScanCommand({ TableName: h.table.tableName }))).Items,
    );
    expect(stored).toContain('APITOKEN#');
    for (const secret of [...secrets, ...minted]) expect(stored.includes(secret.slice(4))).toBe(false);
  });
});
