import githubExamples from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestMessageSchema } from '#core/events.js';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';
import { createProjectConfig } from '../../helpers/factories.js';
import { fixedClock, memoryLogger, memoryProjects, memorySecrets } from '../../helpers/memory-ports.js';
import { githubDelivery } from '../../helpers/webhook-requests.js';
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

const SECRET = 'gh-secret-of-project-1';
const OTHER_SECRET = 'gh-secret-of-project-2';
const REPO = 'Codertocat/Hello-World';
const examples = githubExamples as { name: string; examples: Record<string, unknown>[] }[];
const example = (name: string, action: string): Record<string, unknown> =>
  structuredClone(examples.find((e) => e.name === name)!.examples.find((x) => x.action === action)!);
const PR = example('pull_request', 'opened');
const RUN = example('workflow_run', 'completed');
const counter = new CaseCounter();

function setup(maxBodyBytes?: number) {
  const queue = sqsLikeQueue();
  const deliveries = dynamoLikeDeliveries();
  const receive = createGithubReceiver({
    projects: memoryProjects([
      createProjectConfig({ projectId: 'proj-1', github: { repos: [REPO] } }),
      createProjectConfig({ projectId: 'proj-2', slug: 'other', github: { repos: [REPO] } }),
    ]),
    secrets: memorySecrets({ 'proj-1': { github: SECRET }, 'proj-2': { github: OTHER_SECRET } }),
    deliveries,
    queue,
    clock: fixedClock(),
    logger: memoryLogger(),
    maxBodyBytes,
  });
  return { queue, deliveries, receive };
}

/** A signed delivery of `body` (raw text or bytes) as event `name`. */
function raw(body: string | Buffer, name = 'pull_request', headers: Record<string, string> = {}) {
  return githubDelivery('proj-1', SECRET, name, undefined, { body, headers });
}

/** The PR example with `value` (raw JSON text) in place of the field at `path`. */
function withRawField(base: Record<string, unknown>, path: string[], value: string): string {
  const copy = structuredClone(base);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = '@@PLACEHOLDER@@';
  return JSON.stringify(copy).replace('"@@PLACEHOLDER@@"', value);
}

function withHeaders(event: APIGatewayProxyEventV2, change: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete event.headers[key];
    else event.headers[key] = value;
  }
  return event;
}

interface Case {
  name: string;
  event: () => APIGatewayProxyEventV2;
  status: number;
  message: RegExp;
  maxBodyBytes?: number;
}

const cases = (group: string, list: Case[]): [string, Case][] => {
  counter.add(group, list.length);
  return list.map((c) => [`${group}: ${c.name}`, c]);
};

const signed = JSON.stringify(PR);
const sig = githubDelivery('proj-1', SECRET, 'pull_request', PR).headers['x-hub-signature-256']!;
const shared = sharedReceiverCases({
  source: 'github',
  signatureHeader: 'X-Hub-Signature-256',
  valid: signed,
  validSignature: sig,
  raw: (body, headers) => raw(body, 'pull_request', headers),
  signedWith: (projectId, secret) => githubDelivery(projectId, secret, 'pull_request', PR),
  otherSecret: OTHER_SECRET,
  maxBodyBytes: 1024 * 1024,
});

const REJECTED: [string, Case][] = [
  ...cases('malformed JSON', shared['malformed JSON']!),
  ...cases(
    'not an object',
    ['null', '[]', '"text"', '42', 'true'].flatMap((body) =>
      ['pull_request', 'issues', 'workflow_run'].map((name) => ({
        name: `${body} as ${name}`,
        event: () => raw(body, name),
        status: 400,
        message: new RegExp(`Invalid ${name} payload: \\(root\\)`),
      })),
    ),
  ),
  ...cases('wrong shape', [
    {
      name: 'no pull_request',
      event: () => raw(JSON.stringify({ ...PR, pull_request: undefined })),
      status: 400,
      message: /pull_request:/,
    },
    {
      name: 'a string PR number',
      event: () => raw(withRawField(PR, ['pull_request', 'number'], '"1"')),
      status: 400,
      message: /pull_request\.number/,
    },
    {
      name: 'a negative PR number',
      event: () => raw(withRawField(PR, ['pull_request', 'number'], '-1')),
      status: 400,
      message: /pull_request\.number/,
    },
    {
      name: 'a numeric action',
      event: () => raw(withRawField(PR, ['action'], '5')),
      status: 400,
      message: /action/,
    },
    {
      name: 'a workflow run without a head SHA',
      event: () => raw(withRawField(RUN, ['workflow_run', 'head_sha'], 'null'), 'workflow_run'),
      status: 400,
      message: /workflow_run\.head_sha/,
    },
  ]),
  ...cases('wrong content type', shared['wrong content type']!),
  ...cases('body over the limit', [
    ...shared['body over the limit']!,
    {
      name: 'over the limit once base64-decoded',
      event: () => raw(Buffer.alloc(1024 * 1024 + 10, 0x20)),
      status: 413,
      message: /exceeds/,
    },
  ]),
  ...cases('deep nesting', [
    {
      name: '100,000 nested arrays as the body',
      event: () => raw(nestedArrays(100_000)),
      status: 400,
      message: /Invalid pull_request payload/,
    },
    {
      name: '100,000 nested objects as the body',
      event: () => raw(nestedObjects(100_000)),
      status: 400,
      message: /action/,
    },
    {
      name: '100,000 nested arrays as the PR body',
      event: () => raw(withRawField(PR, ['pull_request', 'body'], nestedArrays(100_000))),
      status: 400,
      message: /pull_request\.body/,
    },
    {
      name: '100,000 nested objects as the repository',
      event: () => raw(withRawField(PR, ['repository'], nestedObjects(100_000))),
      status: 400,
      message: /repository/,
    },
  ]),
  ...cases('prototype keys', [
    {
      name: 'the whole payload under __proto__',
      event: () => raw(`{"__proto__": ${signed}}`),
      status: 400,
      message: /action/,
    },
    {
      name: 'the pull request under __proto__',
      event: () =>
        raw(
          withRawField(PR, ['pull_request'], 'null').replace(
            '"pull_request":null',
            `"__proto__":{"pull_request":${JSON.stringify(PR.pull_request)}}`,
          ),
        ),
      status: 400,
      message: /pull_request/,
    },
    {
      name: 'the action under constructor.prototype',
      event: () => raw('{"constructor": {"prototype": {"action": "opened"}}}'),
      status: 400,
      message: /action/,
    },
  ]),
  ...cases('invalid UTF-8', shared['invalid UTF-8']!),
  ...cases('huge strings', [
    {
      name: 'a 900,000-character PR body',
      event: () => raw(withRawField(PR, ['pull_request', 'body'], JSON.stringify('x'.repeat(900_000)))),
      status: 400,
      message: /pull_request\.body/,
    },
    {
      name: 'a 300,000-character PR body of emoji',
      event: () => raw(withRawField(PR, ['pull_request', 'body'], JSON.stringify('😀'.repeat(150_000)))),
      status: 400,
      message: /pull_request\.body/,
    },
    {
      name: 'a 500,000-character PR URL',
      event: () => raw(withRawField(PR, ['pull_request', 'html_url'], JSON.stringify('h'.repeat(500_000)))),
      status: 400,
      message: /pull_request\.html_url/,
    },
    {
      name: 'a 500,000-character repository name',
      event: () =>
        raw(withRawField(PR, ['repository', 'full_name'], JSON.stringify(`a/${'b'.repeat(500_000)}`))),
      status: 400,
      message: /repository\.full_name/,
    },
    {
      name: 'a 500,000-character workflow name',
      event: () =>
        raw(withRawField(RUN, ['workflow_run', 'name'], JSON.stringify('w'.repeat(500_000))), 'workflow_run'),
      status: 400,
      message: /workflow_run\.name/,
    },
    {
      name: 'a 10,000-character delivery id',
      event: () => raw(signed, 'pull_request', { 'x-github-delivery': 'd'.repeat(10_000) }),
      status: 400,
      message: /X-GitHub-Delivery/,
    },
    {
      name: 'a 10,000-character event name',
      event: () => raw(signed, 'e'.repeat(10_000)),
      status: 400,
      message: /X-GitHub-Event/,
    },
    {
      name: 'a 100,000-character signature',
      event: () => raw(signed, 'pull_request', { 'x-hub-signature-256': `sha256=${'a'.repeat(100_000)}` }),
      status: 401,
      message: /X-Hub-Signature-256 does not match/,
    },
  ]),
  ...cases('missing headers', [
    ...shared['missing headers']!,
    {
      name: 'only the legacy SHA-1 signature',
      event: () =>
        withHeaders(raw(signed), { 'x-hub-signature-256': undefined, 'x-hub-signature': 'sha1=00' }),
      status: 401,
      message: /X-Hub-Signature-256 is missing/,
    },
    {
      name: 'no event name',
      event: () => withHeaders(raw(signed), { 'x-github-event': undefined }),
      status: 400,
      message: /X-GitHub-Event is missing/,
    },
    {
      name: 'no delivery id',
      event: () => withHeaders(raw(signed), { 'x-github-delivery': undefined }),
      status: 400,
      message: /X-GitHub-Delivery is missing/,
    },
  ]),
  ...cases('duplicated headers', [
    ...shared['duplicated headers']!,
    {
      name: 'the signature twice (joined with a comma and a space)',
      event: () => raw(signed, 'pull_request', { 'x-hub-signature-256': `${sig}, sha256=${'0'.repeat(64)}` }),
      status: 400,
      message: /X-Hub-Signature-256 was sent more than once/,
    },
    {
      name: 'the delivery id twice',
      event: () => raw(signed, 'pull_request', { 'x-github-delivery': 'one,two' }),
      status: 400,
      message: /X-GitHub-Delivery was sent more than once/,
    },
    {
      name: 'the event name twice',
      event: () => raw(signed, 'pull_request', { 'x-github-event': 'pull_request,pull_request' }),
      status: 400,
      message: /X-GitHub-Event was sent more than once/,
    },
  ]),
  ...cases('foreign signatures', [
    ...shared['foreign signatures']!,
    {
      name: 'a bare hex signature without sha256=',
      event: () => raw(signed, 'pull_request', { 'x-hub-signature-256': sig.slice('sha256='.length) }),
      status: 401,
      message: /does not match/,
    },
    {
      name: 'an empty signature',
      event: () => raw(signed, 'pull_request', { 'x-hub-signature-256': '' }),
      status: 401,
      message: /X-Hub-Signature-256/,
    },
  ]),
  ...cases('unknown project', shared['unknown project']!),
];

describe('GitHub receiver: bad input', () => {
  afterAll(() => console.info(counter.summary('GitHub receiver')));

  it.each(REJECTED)('rejects %s with a 4xx naming the problem and changes nothing', async (_name, c) => {
    // Prepare
    const ctx = setup(c.maxBodyBytes);
    const before = prototypeFingerprint();

    // Act
    const res = await ctx.receive(c.event());

    // Assess
    expectProblem(res, c.status, c.message);
    expect(ctx.queue.sent).toEqual([]);
    expect(ctx.deliveries.seen.size).toBe(0);
    expectNoPrototypePollution(before);
  });

  const pollutions: [string, string][] = [
    ['__proto__ at the top', `{"__proto__": {"polluted": true, "isAdmin": true}, ${signed.slice(1)}`],
    [
      '__proto__ in the pull request',
      withRawField(PR, ['pull_request', 'merged'], 'false').replace(
        '"merged":false',
        '"merged":false,"__proto__":{"merged":true,"merge_commit_sha":"evil"}',
      ),
    ],
    [
      '__proto__ in the repository',
      withRawField(PR, ['repository', 'name'], '"x"').replace(
        '"name":"x"',
        '"name":"x","__proto__":{"polluted":1}',
      ),
    ],
    [
      'constructor.prototype at the top',
      `{"constructor": {"prototype": {"polluted": true}}, ${signed.slice(1)}`,
    ],
    ['prototype at the top', `{"prototype": {"polluted": true}, ${signed.slice(1)}`],
  ];
  counter.add('prototype keys', pollutions.length);

  it.each(pollutions)(
    'accepts a valid payload carrying %s without polluting any prototype',
    async (_name, body) => {
      // Prepare
      const clean = setup();
      await clean.receive(raw(signed));
      const ctx = setup();
      const before = prototypeFingerprint();

      // Act
      const res = await ctx.receive(raw(body));

      // Assess
      expect(res.statusCode).toBe(202);
      expectNoPrototypePollution(before);
      expect(ctx.queue.sent.map((m) => m.event)).toEqual(clean.queue.sent.map((m) => m.event));
      expect(Object.getPrototypeOf(ctx.queue.sent[0]!.event)).toBe(Object.prototype);
      expect(JSON.stringify(ctx.queue.sent)).not.toMatch(/polluted|evil|isAdmin/);
    },
  );

  it('accepts a valid payload with 100,000 nested arrays in a field it does not read, without carrying them', async () => {
    counter.add('deep nesting');
    const ctx = setup();

    const res = await ctx.receive(raw(withRawField(PR, ['pull_request', 'labels'], nestedArrays(100_000))));

    expect(res.statusCode).toBe(202);
    expect(JSON.stringify(ctx.queue.sent).length).toBeLessThan(10_000);
  });

  it('acknowledges replays of a delivery without enqueueing them again', async () => {
    counter.add('replayed deliveries', 12);
    const ctx = setup();
    const delivery = () => raw(signed, 'pull_request', { 'x-github-delivery': 'replayed-1' });

    const first = await ctx.receive(delivery());
    const replays = await Promise.all(Array.from({ length: 10 }, () => ctx.receive(delivery())));
    const late = await ctx.receive(delivery());

    expect(first.statusCode).toBe(202);
    expect([...replays, late].map((r) => r.statusCode)).toEqual(Array(11).fill(200));
    expect(JSON.parse(late.body!)).toEqual({ duplicate: 'replayed-1' });
    expect(ctx.queue.sent).toHaveLength(1);
  });

  it('never throws or answers 5xx for arbitrary signed bodies, event names and content types', async () => {
    const paths = [
      ['action'],
      ['pull_request'],
      ['pull_request', 'number'],
      ['pull_request', 'body'],
      ['pull_request', 'merged'],
      ['pull_request', 'head'],
      ['repository'],
      ['repository', 'full_name'],
      ['workflow_run'],
      ['issue'],
    ];
    const mutated = fc
      .tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }))
      .map(([path, value]) => withRawField(PR, path, JSON.stringify(value) ?? 'null'));
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.json({ maxDepth: 4 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      mutated,
    );
    const name = fc.oneof(
      fc.constantFrom('pull_request', 'issues', 'workflow_run', 'ping', 'issue_comment', 'push'),
      fc.string({ maxLength: 20 }),
    );
    const type = fc.oneof(
      fc.constant('application/json'),
      fc.constantFrom('text/plain', 'application/vnd.github+json', 'APPLICATION/JSON; charset=utf-8'),
      fc.string({ maxLength: 30 }),
    );
    let runs = 0;

    await fc.assert(
      fc.asyncProperty(body, name, type, async (b, n, t) => {
        runs += 1;
        const ctx = setup();
        const before = prototypeFingerprint();
        const res = await ctx.receive(raw(b, 'x', { 'x-github-event': n, 'content-type': t }));
        expect(res.statusCode).toBeGreaterThanOrEqual(200);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode! >= 400) {
          expect(JSON.parse(res.body!).error.message).toEqual(expect.any(String));
          expect(ctx.queue.sent).toEqual([]);
        }
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
