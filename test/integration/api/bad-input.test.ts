import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, MAX_JSON_STRING } from '#lambdas/api/body-guard.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import {
  CaseCounter,
  expectNoPrototypePollution,
  INVALID_UTF8,
  MALFORMED_JSON,
  nestedArrays,
  nestedObjects,
  prototypeFingerprint,
} from '../../unit/functions/bad-input-support.js';
import {
  COOKIE,
  createHarness,
  member,
  ORIGIN,
  seedProject,
  signedInAdmin,
  type Browser,
  type Harness,
} from './harness.js';

const counter = new CaseCounter();
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One bad request: its body bytes and headers (beyond the session cookie), and what must come back. */
interface BadCase {
  group: string;
  name: string;
  body?: string | Uint8Array;
  headers?: Record<string, string | null>;
  status: number;
  message: RegExp;
}

const JSON_TYPE = 'application/json';
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

const CASES: BadCase[] = [
  ...MALFORMED_JSON.map(([name, body]) => ({
    group: 'malformed JSON',
    name,
    body,
    status: 400,
    message: /not valid JSON/,
  })),
  ...[
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
  ].map((type) => ({
    group: 'wrong content type',
    name: type,
    body: '{}',
    headers: { 'content-type': type },
    status: 400,
    message: /Send the body as application\/json/,
  })),
  {
    group: 'body over the limit',
    name: '256 KiB + 1 byte',
    body: `{"x":"${'a'.repeat(256 * 1024)}"}`,
    status: 413,
    message: /too large/,
  },
  {
    group: 'body over the limit',
    name: 'over the limit in bytes, not in characters',
    body: `{"x":"${'ü'.repeat(140_000)}"}`,
    status: 413,
    message: /too large/,
  },
  {
    group: 'deep nesting',
    name: '10,000 nested arrays',
    body: nestedArrays(10_000),
    status: 400,
    message: /nested more than 16 levels/,
  },
  {
    group: 'deep nesting',
    name: `${MAX_JSON_DEPTH + 1} nested objects`,
    body: nestedObjects(MAX_JSON_DEPTH + 1),
    status: 400,
    message: /nested more than 16 levels/,
  },
  {
    group: 'deep nesting',
    name: 'brackets inside strings do not count, real nesting does',
    body: `{"s":"${'['.repeat(100)}","a":${nestedArrays(40)}}`,
    status: 400,
    message: /nested more than 16 levels/,
  },
  ...[
    ['__proto__ at the top', '{"__proto__":{"polluted":true}}', /forbidden key: __proto__/],
    [
      '__proto__ nested',
      '{"asana":{"fields":{"__proto__":{"isAdmin":1}}}}',
      /forbidden key: asana\.fields\.__proto__/,
    ],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}', /forbidden key: constructor/],
    ['prototype in an array item', '{"items":[{"prototype":1}]}', /forbidden key: items\.0\.prototype/],
  ].map(([name, body, message]) => ({
    group: 'prototype keys',
    name: name as string,
    body: body as string,
    status: 400,
    message: message as RegExp,
  })),
  ...INVALID_UTF8.map(([name, seq]) => ({
    group: 'invalid UTF-8',
    name,
    body: bytes('{"name":"', seq, '"}'),
    status: 400,
    message: /not valid UTF-8/,
  })),
  {
    group: 'huge strings',
    name: `a ${MAX_JSON_STRING + 1}-character value`,
    body: JSON.stringify({ name: 'n'.repeat(MAX_JSON_STRING + 1) }),
    status: 400,
    message: /string longer than 32768 characters at name/,
  },
  {
    group: 'huge strings',
    name: 'a huge string deep in an array',
    body: JSON.stringify({ context: { notes: [{ title: 't', body: 'b'.repeat(100_000) }] } }),
    status: 400,
    message: /at context\.notes\.0\.body/,
  },
  {
    group: 'missing headers',
    name: 'no content type',
    body: '{}',
    headers: { 'content-type': null },
    status: 400,
    message: /application\/json/,
  },
  {
    group: 'missing headers',
    name: 'no X-CSRF-Token',
    body: '{}',
    headers: { 'x-csrf-token': null },
    status: 403,
    message: /X-CSRF-Token/,
  },
  {
    group: 'missing headers',
    name: 'no Origin, from another site',
    body: '{}',
    headers: { origin: null, 'sec-fetch-site': 'cross-site' },
    status: 403,
    message: /Cross-site request refused/,
  },
  {
    group: 'duplicated headers',
    name: 'the content type twice',
    body: '{}',
    headers: { 'content-type': `${JSON_TYPE}, ${JSON_TYPE}` },
    status: 400,
    message: /application\/json/,
  },
  {
    group: 'duplicated headers',
    name: 'the CSRF token twice',
    body: '{}',
    headers: { 'x-csrf-token': '@csrf, @csrf' },
    status: 403,
    message: /X-CSRF-Token/,
  },
  {
    group: 'duplicated headers',
    name: 'two origins',
    body: '{}',
    headers: { origin: `${ORIGIN}, ${ORIGIN}` },
    status: 403,
    message: /Cross-origin request refused/,
  },
];

describe('console API: bad input on every state-changing route', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;
  let ids: Record<string, string>;

  beforeAll(async () => {
    db = await startDynalite();
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    await seedProject(h);
    await member(h, admin, 'acme', 'editor', 'eve-editor');
    const invite = await admin.post('/projects/acme/invites', { role: 'viewer' });
    ids = {
      ':slug': 'acme',
      ':userId': (await h.deps.users.getUserByUsername('eve-editor'))!.userId,
      ':inviteId': String(invite.json.invite.inviteId),
      ':taskId': '01JTASK0000000000000000001',
      ':jobId': '01JJOB00000000000000000001',
      ':approvalId': 'nobody-1',
      ':gid': '1200000000000001',
    };
  });
  afterAll(async () => {
    console.info(counter.summary('Console API'));
    await db.stop();
  });

  /** Everything a request could change: both tables and the memory stand-ins. */
  async function snapshot(): Promise<string> {
    const scan = async (TableName: string) =>
      ((await h.table.client.send(new ScanCommand({ TableName }))).Items ?? [])
        .map((i) => JSON.stringify(i))
        .sort();
    return JSON.stringify({
      main: await scan(h.table.tableName),
      audit: await scan(`${h.table.tableName}-audit`),
      secrets: [...h.secrets.values.entries()],
      started: h.started.length,
      asanaCreated: h.asana.created.length,
      asanaOptions: [...h.asana.options.entries()],
      asanaHooks: h.webhookAdmin.asanaHooks.length,
      githubHooks: [...h.webhookAdmin.githubHooks.entries()],
      answered: h.answered.length,
    });
  }

  async function send(method: string, path: string, c: BadCase) {
    const headers: Record<string, string> = {
      origin: ORIGIN,
      cookie: `${COOKIE}=${admin.cookie}`,
      'x-csrf-token': admin.csrf!,
      'content-type': JSON_TYPE,
    };
    for (const [name, value] of Object.entries(c.headers ?? {}))
      if (value === null) delete headers[name];
      else headers[name] = value.replaceAll('@csrf', admin.csrf!);
    const res = await h.app.request(path, { method, headers, body: c.body ?? null });
    const text = await res.text();
    return { status: res.status, body: text };
  }

  it('finds the state-changing routes from the app itself (new routes are covered)', () => {
    expect(routes().length).toBeGreaterThanOrEqual(20);
  });

  function routes(): [string, string][] {
    return h.app.routes
      .filter((r) => STATE_CHANGING.has(r.method))
      .map((r) => [r.method, r.path] as [string, string])
      .filter(([m, p], i, all) => all.findIndex(([m2, p2]) => m2 === m && p2 === p) === i);
  }

  it('refuses every bad case on every route with a 4xx naming the problem, never a 5xx, changing nothing', async () => {
    const failures: string[] = [];
    for (const [method, template] of routes()) {
      const path = template.replace(/:\w+/g, (p) => ids[p] ?? 'x');
      const before = await snapshot();
      const protoBefore = prototypeFingerprint();
      for (const c of CASES) {
        counter.add(c.group);
        const res = await send(method, path, c);
        const message =
          (JSON.parse(res.body || '{}') as { error?: { message?: string } }).error?.message ?? '';
        if (res.status !== c.status || !c.message.test(message))
          failures.push(`${method} ${template} — ${c.group}: ${c.name} → ${res.status} ${message}`);
      }
      expectNoPrototypePollution(protoBefore);
      if ((await snapshot()) !== before) failures.push(`${method} ${template} — state changed`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
