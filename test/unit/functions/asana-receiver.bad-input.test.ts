import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestMessageSchema } from '#core/events.js';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';
import { createProjectConfig } from '../../helpers/factories.js';
import {
  fixedClock,
  memoryHandshakes,
  memoryLogger,
  memoryProjects,
  memorySecrets,
} from '../../helpers/memory-ports.js';
import { asanaDelivery, postEvent } from '../../helpers/webhook-requests.js';
import {
  CaseCounter,
  dynamoLikeDeliveries,
  expectNoPrototypePollution,
  expectProblem,
  nestedArrays,
  nestedObjects,
  prototypeFingerprint,
  sqsLikeQueue,
  SQS_MAX_MESSAGE_BYTES,
} from './bad-input-support.js';
import { sharedReceiverCases } from './receiver-bad-input-cases.js';

const SECRET = 'asana-secret-of-project-1';
const OTHER_SECRET = 'asana-secret-of-project-2';
const GID = '1200000000000001';
const counter = new CaseCounter();

const touched = (gid: string = GID): Record<string, unknown> => ({
  user: { gid: '1200000000000011', resource_type: 'user' },
  created_at: '2026-11-25T09:59:00.000Z',
  action: 'changed',
  resource: { gid, resource_type: 'task', resource_subtype: 'default_task' },
  parent: null,
  change: { field: 'custom_fields', action: 'changed' },
});
const VALID = JSON.stringify({ events: [touched()] });

async function setup(options: { maxBodyBytes?: number; handshakeOpen?: boolean } = {}) {
  const queue = sqsLikeQueue();
  const deliveries = dynamoLikeDeliveries();
  const secrets = memorySecrets({ 'proj-1': { asana: SECRET }, 'proj-2': { asana: OTHER_SECRET } });
  const handshakes = memoryHandshakes();
  const clock = fixedClock();
  if (options.handshakeOpen) await handshakes.open('proj-1', new Date(clock.now().getTime() + 60_000));
  const receive = createAsanaReceiver({
    projects: memoryProjects([
      createProjectConfig({ projectId: 'proj-1' }),
      createProjectConfig({ projectId: 'proj-2', slug: 'other' }),
    ]),
    secrets,
    deliveries,
    queue,
    handshakes,
    clock,
    logger: memoryLogger(),
    maxBodyBytes: options.maxBodyBytes,
  });
  return { queue, deliveries, secrets, handshakes, receive };
}

/** A signed delivery of `body` (raw text or bytes). */
function raw(body: string | Buffer, headers: Record<string, string> = {}) {
  return asanaDelivery('proj-1', SECRET, undefined, { body, headers });
}

/** A signed delivery of `{"events": [event with `field` replaced by raw JSON `value`]}`. */
function withRawField(path: string[], value: string, headers: Record<string, string> = {}) {
  const event = touched();
  let node = event;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = '@@PLACEHOLDER@@';
  return raw(JSON.stringify({ events: [event] }).replace('"@@PLACEHOLDER@@"', value), headers);
}

function handshake(secret: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return postEvent('/webhooks/asana/proj-1', 'proj-1', '', { 'x-hook-secret': secret, ...headers });
}

interface Case {
  name: string;
  event: () => APIGatewayProxyEventV2;
  status: number;
  message: RegExp;
  maxBodyBytes?: number;
  handshakeOpen?: boolean;
}

const cases = (group: string, list: Case[]): [string, Case][] => {
  counter.add(group, list.length);
  return list.map((c) => [`${group}: ${c.name}`, c]);
};
const sig = asanaDelivery('proj-1', SECRET, undefined, { body: VALID }).headers['x-hook-signature']!;
const shared = sharedReceiverCases({
  source: 'asana',
  signatureHeader: 'X-Hook-Signature',
  valid: VALID,
  validSignature: sig,
  raw,
  signedWith: (projectId, secret) => asanaDelivery(projectId, secret, JSON.parse(VALID)),
  otherSecret: OTHER_SECRET,
  maxBodyBytes: 1024 * 1024,
});

const REJECTED: [string, Case][] = [
  ...cases('malformed JSON', shared['malformed JSON']!),
  ...cases(
    'not an object',
    ['null', '[]', '"text"', '42', 'true'].map((body) => ({
      name: body,
      event: () => raw(body),
      status: 400,
      message: /Invalid Asana webhook body: \(root\)/,
    })),
  ),
  ...cases('wrong shape', [
    { name: 'no events', event: () => raw('{}'), status: 400, message: /events/ },
    { name: 'events as an object', event: () => raw('{"events": {}}'), status: 400, message: /events/ },
    {
      name: 'an event without a resource',
      event: () => withRawField(['resource'], 'null'),
      status: 400,
      message: /events\.0\.resource/,
    },
    {
      name: 'an empty gid',
      event: () => withRawField(['resource', 'gid'], '""'),
      status: 400,
      message: /events\.0\.resource\.gid/,
    },
    {
      name: 'a numeric gid',
      event: () => withRawField(['resource', 'gid'], '1200000000000001'),
      status: 400,
      message: /events\.0\.resource\.gid/,
    },
    {
      name: 'a task gid that is not an Asana gid',
      event: () => withRawField(['resource', 'gid'], '"task#1"'),
      status: 400,
      message: /events\.0\.resource\.gid/,
    },
    {
      name: 'a numeric action',
      event: () => withRawField(['action'], '7'),
      status: 400,
      message: /events\.0\.action/,
    },
    {
      name: '1,001 events',
      event: () => raw(JSON.stringify({ events: Array.from({ length: 1001 }, () => touched()) })),
      status: 400,
      message: /events/,
    },
    {
      name: 'a good event followed by a task gid with "#"',
      event: () => raw(JSON.stringify({ events: [touched(), touched('1#2')] })),
      status: 400,
      message: /events\.1\.resource\.gid/,
    },
  ]),
  ...cases('wrong content type', shared['wrong content type']!),
  ...cases('body over the limit', shared['body over the limit']!),
  ...cases('deep nesting', [
    {
      name: '100,000 nested arrays as the body',
      event: () => raw(nestedArrays(100_000)),
      status: 400,
      message: /Invalid Asana webhook body/,
    },
    {
      name: '100,000 nested arrays as events',
      event: () => raw(`{"events": ${nestedArrays(100_000)}}`),
      status: 400,
      message: /events\.0/,
    },
    {
      name: '100,000 nested objects as a resource',
      event: () => withRawField(['resource'], nestedObjects(100_000)),
      status: 400,
      message: /events\.0\.resource/,
    },
  ]),
  ...cases('prototype keys', [
    {
      name: 'the events under __proto__',
      event: () => raw(`{"__proto__": ${VALID}}`),
      status: 400,
      message: /events/,
    },
    {
      name: 'the resource under __proto__',
      event: () =>
        raw(
          JSON.stringify({ events: [{ ...touched(), resource: undefined }] }).replace(
            '"action"',
            `"__proto__":{"resource":{"gid":"${GID}","resource_type":"task"}},"action"`,
          ),
        ),
      status: 400,
      message: /events\.0\.resource/,
    },
    {
      name: 'the events under constructor.prototype',
      event: () => raw(`{"constructor": {"prototype": ${VALID}}}`),
      status: 400,
      message: /events/,
    },
    {
      name: '__proto__ as a task gid',
      event: () => withRawField(['resource', 'gid'], '"__proto__"'),
      status: 400,
      message: /events\.0\.resource\.gid/,
    },
    {
      name: 'constructor as a parent task gid',
      event: () =>
        raw(
          JSON.stringify({
            events: [
              {
                ...touched(),
                resource: { gid: '1', resource_type: 'story' },
                parent: { gid: 'constructor', resource_type: 'task' },
              },
            ],
          }),
        ),
      status: 400,
      message: /events\.0\.parent\.gid/,
    },
  ]),
  ...cases('invalid UTF-8', shared['invalid UTF-8']!),
  ...cases('huge strings', [
    {
      name: 'a 500,000-digit task gid',
      event: () => withRawField(['resource', 'gid'], `"${'1'.repeat(500_000)}"`),
      status: 400,
      message: /events\.0\.resource\.gid/,
    },
    {
      name: 'a 500,000-character created_at',
      event: () => withRawField(['created_at'], `"${'2'.repeat(500_000)}"`),
      status: 400,
      message: /events\.0\.created_at/,
    },
    {
      name: 'a 100,000-character signature',
      event: () => raw(VALID, { 'x-hook-signature': 'a'.repeat(100_000) }),
      status: 401,
      message: /X-Hook-Signature does not match/,
    },
    {
      name: 'a 100,000-character hook secret',
      event: () => handshake('s'.repeat(100_000)),
      handshakeOpen: true,
      status: 400,
      message: /X-Hook-Secret is malformed/,
    },
  ]),
  ...cases('missing headers', shared['missing headers']!),
  ...cases('duplicated headers', [
    ...shared['duplicated headers']!,
    {
      name: 'the hook secret twice during an open handshake',
      event: () => handshake('first-secret-123,second-secret-456'),
      handshakeOpen: true,
      status: 400,
      message: /X-Hook-Secret was sent more than once/,
    },
  ]),
  ...cases('foreign signatures', shared['foreign signatures']!),
  ...cases('handshakes', [
    {
      name: 'an unsolicited handshake',
      event: () => handshake('attacker-secret-123'),
      status: 403,
      message: /No Asana webhook is being created/,
    },
    {
      name: 'a short secret',
      event: () => handshake('short'),
      handshakeOpen: true,
      status: 400,
      message: /X-Hook-Secret is malformed/,
    },
    {
      name: 'a secret with a space',
      event: () => handshake('has a space 123'),
      handshakeOpen: true,
      status: 400,
      message: /X-Hook-Secret is malformed/,
    },
    {
      name: 'an empty secret',
      event: () => handshake(''),
      handshakeOpen: true,
      status: 400,
      message: /X-Hook-Secret is malformed/,
    },
  ]),
  ...cases('unknown project', shared['unknown project']!),
];

describe('Asana receiver: bad input', () => {
  afterAll(() => console.info(counter.summary('Asana receiver')));

  it.each(REJECTED)('rejects %s with a 4xx naming the problem and changes nothing', async (_name, c) => {
    // Prepare
    const ctx = await setup(c);
    const handshakesBefore = [...ctx.handshakes.openFor];
    const before = prototypeFingerprint();

    // Act
    const res = await ctx.receive(c.event());

    // Assess
    expectProblem(res, c.status, c.message);
    expect(res.headers?.['x-hook-secret']).toBeUndefined();
    expect(ctx.queue.sent).toEqual([]);
    expect(ctx.deliveries.seen.size).toBe(0);
    expect(await ctx.secrets.get('proj-1')).toEqual({ asana: SECRET });
    expect([...ctx.handshakes.openFor]).toEqual(handshakesBefore);
    expectNoPrototypePollution(before);
  });

  const pollutions: [string, string][] = [
    ['__proto__ at the top', `{"__proto__": {"polluted": true}, ${VALID.slice(1)}`],
    [
      '__proto__ in an event',
      VALID.replace('"action"', '"__proto__":{"action":"deleted","isAdmin":1},"action"'),
    ],
    [
      '__proto__ in a resource',
      VALID.replace('"resource_type":"task"', '"resource_type":"task","__proto__":{"polluted":1}'),
    ],
    [
      'constructor.prototype in an event',
      VALID.replace('"action"', '"constructor":{"prototype":{"polluted":1}},"action"'),
    ],
  ];
  counter.add('prototype keys', pollutions.length);

  it.each(pollutions)(
    'accepts a valid body carrying %s without polluting any prototype',
    async (_name, body) => {
      const ctx = await setup();
      const before = prototypeFingerprint();

      const res = await ctx.receive(raw(body));

      expect(res.statusCode).toBe(200);
      expectNoPrototypePollution(before);
      expect(ctx.queue.sent.map((m) => m.event)).toEqual([
        {
          type: 'asana.task_touched',
          asanaGid: GID,
          action: 'changed',
          occurredAt: '2026-11-25T09:59:00.000Z',
        },
      ]);
      expect(Object.getPrototypeOf(ctx.queue.sent[0]!.event)).toBe(Object.prototype);
    },
  );

  it('accepts a valid body with 100,000 nested arrays in a field it does not read, without carrying them', async () => {
    counter.add('deep nesting');
    const ctx = await setup();

    const res = await ctx.receive(withRawField(['change'], nestedArrays(100_000)));

    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(ctx.queue.sent).length).toBeLessThan(1_000);
  });

  it('acknowledges replays of a delivery without enqueueing them again', async () => {
    counter.add('replayed deliveries', 12);
    const ctx = await setup();

    const first = await ctx.receive(raw(VALID));
    const replays = await Promise.all(Array.from({ length: 10 }, () => ctx.receive(raw(VALID))));
    const late = await ctx.receive(raw(VALID));

    expect(JSON.parse(first.body!)).toMatchObject({ accepted: 1 });
    expect([...replays, late].map((r) => JSON.parse(r.body!))).toEqual(
      Array(11).fill({ accepted: 0, duplicates: 1, ignored: 0 }),
    );
    expect(ctx.queue.sent).toHaveLength(1);
  });

  it('keeps an open handshake open when the secret offered is malformed or repeated', async () => {
    counter.add('handshakes');
    const ctx = await setup({ handshakeOpen: true });

    await ctx.receive(handshake('short'));
    await ctx.receive(handshake('one-secret-123,two-secret-456'));
    const proper = await ctx.receive(handshake('proper-secret-0123456789'));

    expect(proper.statusCode).toBe(200);
    expect(await ctx.secrets.get('proj-1')).toEqual({ asana: `${SECRET} proper-secret-0123456789` });
  });

  it('never throws or answers 5xx for arbitrary signed bodies and content types', async () => {
    const gid = fc.oneof(fc.stringMatching(/^\d{1,20}$/), fc.string({ maxLength: 10 }));
    const event = fc.record(
      {
        action: fc.oneof(
          fc.constantFrom('added', 'changed', 'removed', 'deleted', 'undeleted'),
          fc.jsonValue(),
        ),
        created_at: fc.oneof(fc.constant('2026-11-25T09:59:00.000Z'), fc.jsonValue()),
        resource: fc.oneof(
          fc.record({ gid, resource_type: fc.constantFrom('task', 'story', 'project') }),
          fc.jsonValue(),
        ),
        parent: fc.oneof(
          fc.constant(null),
          fc.record({ gid, resource_type: fc.constantFrom('task', 'project') }),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.json({ maxDepth: 4 }),
      fc.array(event, { maxLength: 5 }).map((events) => JSON.stringify({ events })),
    );
    const type = fc.oneof(
      fc.constant('application/json'),
      fc.constantFrom('text/plain', 'application/json; charset=UTF-8'),
      fc.string({ maxLength: 30 }),
    );
    let runs = 0;

    await fc.assert(
      fc.asyncProperty(body, type, async (b, t) => {
        runs += 1;
        const ctx = await setup();
        const before = prototypeFingerprint();
        const res = await ctx.receive(raw(b, { 'content-type': t }));
        expect(res.statusCode).toBeGreaterThanOrEqual(200);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode! >= 400) expect(ctx.queue.sent).toEqual([]);
        for (const message of ctx.queue.sent) {
          expect(IngestMessageSchema.parse(message)).toEqual(message);
          expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(SQS_MAX_MESSAGE_BYTES);
        }
        expectNoPrototypePollution(before);
      }),
      { numRuns: 400 },
    );
    counter.add('fuzzed', runs);
  });
});
