import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyGuard, MAX_JSON_DEPTH, MAX_JSON_STRING } from '#lambdas/api/body-guard.js';
import { onApiError } from '#lambdas/api/on-error.js';
import { memoryLogger } from '../../helpers/memory-ports.js';

/** A route behind the guard that echoes the body it read again (the guard must leave it readable). */
function app() {
  const a = new Hono();
  a.use('*', bodyGuard);
  a.post('/echo', async (c) => c.json({ seen: await c.req.text() }));
  a.get('/echo', (c) => c.json({ ok: true }));
  a.onError(onApiError(memoryLogger()));
  return a;
}

const post = (body: string | Uint8Array, type = 'application/json') =>
  app().request('/echo', { method: 'POST', headers: { 'content-type': type }, body });

describe('body guard', () => {
  it('passes a good body on, still readable by the route', async () => {
    const res = await post('{"name":"ok","list":[1,2,{"a":null}]}');

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ seen: '{"name":"ok","list":[1,2,{"a":null}]}' });
  });

  it('lets requests without a body through, whatever their content type', async () => {
    const res = await app().request('/echo', { method: 'POST' });

    expect(res.status).toBe(200);
    expect((await app().request('/echo')).status).toBe(200);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more`, async () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

    expect((await post(nested(MAX_JSON_DEPTH))).status).toBe(200);
    const refused = await post(nested(MAX_JSON_DEPTH + 1));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: 'invalid_body', message: `The body is nested more than ${MAX_JSON_DEPTH} levels deep` },
    });
  });

  it('does not count brackets or escaped quotes inside strings as nesting', async () => {
    const res = await post(JSON.stringify({ s: `\\"${'[{'.repeat(50)}"`, t: '\\\\' }));

    expect(res.status).toBe(200);
  });

  it('names the path of a string over the limit, and accepts one at the limit', async () => {
    expect((await post(JSON.stringify({ a: 'x'.repeat(MAX_JSON_STRING) }))).status).toBe(200);
    const refused = await post(JSON.stringify({ a: [{ b: 'x'.repeat(MAX_JSON_STRING + 1) }] }));

    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      `The body has a string longer than ${MAX_JSON_STRING} characters at a.0.b`,
    );
  });

  it('names a prototype key wherever it is', async () => {
    const refused = await post('{"a":{"b":[{"constructor":{}}]}}');

    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'The body has a forbidden key: a.b.0.constructor',
    );
  });

  it('refuses invalid UTF-8 and a JSON body sent as something else', async () => {
    const utf8 = await post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    const form = await post('a=1', 'application/x-www-form-urlencoded');

    expect([utf8.status, form.status]).toEqual([400, 400]);
    expect(((await utf8.json()) as { error: { message: string } }).error.message).toMatch(/UTF-8/);
    expect(((await form.json()) as { error: { message: string } }).error.message).toMatch(
      /application\/json/,
    );
  });
});
