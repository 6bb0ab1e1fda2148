import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { seedTwoProjects, type TwoProjects } from './v1-fixture.js';
import { call, createV1Harness, type V1Harness } from './v1-harness.js';

describe('/api/v1 idempotency keys', () => {
  let db: Dynalite;
  let h: V1Harness;
  let seed: TwoProjects;

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    seed = await seedTwoProjects(h);
  });
  afterAll(() => db.stop());

  const post = (path: string, body: unknown, key?: string, token = seed.tokens.admin.secret) =>
    call(h, 'POST', path, { token, body, ...(key && { headers: { 'idempotency-key': key } }) });

  it('runs a POST once per key and replays the stored response', async () => {
    const first = await post('/links', { title: 'Once', url: 'https://once.test' }, 'k-1');
    const again = await post('/links', { title: 'Once', url: 'https://once.test' }, 'k-1');
    const links = await call(h, 'GET', '/links', { token: seed.tokens.admin.secret });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(links.json.items.filter((l: { title: string }) => l.title === 'Once')).toHaveLength(1);
  });

  it('answers 422 when the key comes back with a different body', async () => {
    await post('/links', { title: 'A', url: 'https://a.test' }, 'k-2');
    const other = await post('/links', { title: 'B', url: 'https://b.test' }, 'k-2');

    expect(other.status).toBe(422);
    expect(other.json.type).toBe('urn:autoflow:problem:idempotency_key_reused');
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const scope = `${seed.a.projectId}:${seed.tokens.admin.token.tokenId}`;
    const { createHash } = await import('node:crypto');
    const body = JSON.stringify({ title: 'Slow', url: 'https://slow.test' });
    const digest = createHash('sha256').update(`POST /api/v1/links\n${body}`).digest('base64url');
    const now = h.clock.now();
    await h.v1deps.idempotency.claim(scope, 'k-3', digest, {
      now,
      expiresAt: new Date(now.getTime() + 1000),
    });

    const res = await post('/links', JSON.parse(body), 'k-3');

    expect(res.status).toBe(409);
    expect(res.json.type).toBe('urn:autoflow:problem:idempotency_key_in_use');
  });

  it('keeps keys per token, replays stored 4xx answers, and rejects a malformed key', async () => {
    const a = await post('/links', { title: 'Per token', url: 'https://t.test' }, 'k-4');
    const b = await post(
      '/links',
      { title: 'Per token', url: 'https://t.test' },
      'k-4',
      seed.tokens.bAdmin.secret,
    );
    const bad = await post(
      '/tasks/01JNOPE0000000000000000000/notes',
      { text: 'x' },
      'k-5',
      seed.tokens.editor.secret,
    );
    const badAgain = await post(
      '/tasks/01JNOPE0000000000000000000/notes',
      { text: 'x' },
      'k-5',
      seed.tokens.editor.secret,
    );
    const malformed = await post('/links', { title: 'x', url: 'https://x.test' }, 'with space');

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect([bad.status, badAgain.status, badAgain.headers.get('idempotent-replayed')]).toEqual([
      404,
      404,
      'true',
    ]);
    expect(malformed.status).toBe(422);
    expect(malformed.json.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('lets a retried action through once the first one was answered, without running it again', async () => {
    const first = await post(
      `/tasks/${seed.tasks.main}/notes`,
      { text: 'Only once' },
      'k-6',
      seed.tokens.editor.secret,
    );
    const again = await post(
      `/tasks/${seed.tasks.main}/notes`,
      { text: 'Only once' },
      'k-6',
      seed.tokens.editor.secret,
    );
    const timeline = await h.tasks.listTimeline(seed.a.projectId, seed.tasks.main);

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(timeline.filter((e) => e.message.includes('Only once'))).toHaveLength(1);
  });
});
