import githubExamples from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import { beforeEach, describe, expect, it } from 'vitest';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';
import { createProjectConfig } from '../../helpers/factories.js';
import {
  fixedClock,
  memoryDeliveries,
  memoryLogger,
  memoryProjects,
  memoryQueue,
  memorySecrets,
} from '../../helpers/memory-ports.js';
import { githubDelivery } from '../../helpers/webhook-requests.js';

const SECRET = 'gh-secret-for-tests';
const EXAMPLE_REPOS: string[] = ['Codertocat/Hello-World', 'octo-org/octo-repo', 'Octocoders/Hello-World'];
const CONSUMED = ['ping', 'issues', 'issue_comment', 'pull_request', 'workflow_run'];
const examples = (githubExamples as { name: string; examples: unknown[] }[]).filter((e) =>
  CONSUMED.includes(e.name),
);

function setup() {
  const queue = memoryQueue();
  const deliveries = memoryDeliveries();
  const logger = memoryLogger();
  const receive = createGithubReceiver({
    projects: memoryProjects([
      createProjectConfig({ projectId: 'proj-1', github: { repos: EXAMPLE_REPOS } }),
    ]),
    secrets: memorySecrets({ 'proj-1': { github: SECRET } }),
    deliveries,
    queue,
    clock: fixedClock(),
    logger,
  });
  return { queue, deliveries, logger, receive };
}

describe('GitHub receiver', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup();
  });

  it.each(
    examples.flatMap((e) => e.examples.map((payload, i) => [`${e.name} #${i}`, e.name, payload, i] as const)),
  )('accepts the real example payload %s', async (_label, eventName, payload, i) => {
    const res = await ctx.receive(
      githubDelivery('proj-1', SECRET, eventName, payload, { deliveryId: `${eventName}-${i}` }),
    );
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
    expect(res.statusCode, res.body).toBeLessThan(300);
  });

  it('enqueues a normalised pull_request event, not the raw payload', async () => {
    const payload = examples.find((e) => e.name === 'pull_request')!.examples[0] as {
      pull_request: { number: number };
    };
    const res = await ctx.receive(githubDelivery('proj-1', SECRET, 'pull_request', payload));
    expect(res.statusCode).toBe(202);
    expect(ctx.queue.sent).toHaveLength(1);
    expect(ctx.queue.sent[0]!.event).toMatchObject({
      type: 'github.pull_request',
      number: payload.pull_request.number,
    });
    expect(JSON.stringify(ctx.queue.sent[0])).not.toContain('sender');
  });

  it('counts ignored events in the log and enqueues nothing', async () => {
    const payload = examples.find((e) => e.name === 'issue_comment')!.examples[0];
    const res = await ctx.receive(githubDelivery('proj-1', SECRET, 'issue_comment', payload));
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body!)).toHaveProperty('ignored');
    expect(ctx.queue.sent).toHaveLength(0);
    expect(ctx.logger.lines.some((l) => l.message === 'github delivery ignored')).toBe(true);
  });

  it('ignores, on purpose and logged, an event for a repository the project does not track', async () => {
    const payload = examples.find((e) => e.name === 'workflow_run')!.examples[0] as {
      repository: { full_name: string };
    };
    const foreign = { ...payload, repository: { ...payload.repository, full_name: 'someone/else' } };
    const res = await ctx.receive(githubDelivery('proj-1', SECRET, 'workflow_run', foreign));
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body!).ignored).toMatch(/someone\/else is not configured/);
    expect(ctx.queue.sent).toHaveLength(0);
  });

  it('rejects a wrong signature with 401 and enqueues nothing', async () => {
    const res = await ctx.receive(githubDelivery('proj-1', 'another-secret', 'ping', { zen: 'x' }));
    expect(res.statusCode).toBe(401);
    expect(ctx.queue.sent).toHaveLength(0);
  });

  it('rejects a signature of the wrong length with 401, not an exception', async () => {
    const res = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'ping', { zen: 'x' }, { signature: 'sha256=abc' }),
    );
    expect(res.statusCode).toBe(401);
  });

  it('rejects a missing signature with 401', async () => {
    const event = githubDelivery('proj-1', SECRET, 'ping', {});
    delete event.headers['x-hub-signature-256'];
    expect((await ctx.receive(event)).statusCode).toBe(401);
  });

  it('rejects malformed JSON with a valid signature with 400 naming the problem', async () => {
    const res = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'pull_request', undefined, { body: '{"action": "opened",' }),
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).error.message).toMatch(/not valid JSON/);
    expect(ctx.queue.sent).toHaveLength(0);
  });

  it('rejects a consumed event of the wrong shape with 400 naming the field', async () => {
    const res = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'pull_request', {
        action: 'opened',
        repository: { full_name: 'a/b', default_branch: 'main' },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'pull_request' })]),
    );
  });

  it('rejects invalid UTF-8 with 400', async () => {
    const res = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'ping', undefined, { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
    );
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 for an unknown project before reading anything else', async () => {
    const res = await ctx.receive(githubDelivery('nope', SECRET, 'ping', {}));
    expect(res.statusCode).toBe(404);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'ping', undefined, { body: 'x'.repeat(1024 * 1024 + 1) }),
    );
    expect(res.statusCode).toBe(413);
  });

  it('answers 400 when the delivery id header is missing', async () => {
    const event = githubDelivery('proj-1', SECRET, 'ping', {});
    delete event.headers['x-github-delivery'];
    expect((await ctx.receive(event)).statusCode).toBe(400);
  });

  it('answers 415 for a non-JSON content type', async () => {
    const res = await ctx.receive(
      githubDelivery(
        'proj-1',
        SECRET,
        'ping',
        {},
        { headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      ),
    );
    expect(res.statusCode).toBe(415);
  });

  it('deduplicates a redelivery with the same X-GitHub-Delivery', async () => {
    const payload = examples.find((e) => e.name === 'workflow_run')!.examples[0];
    const first = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'workflow_run', payload, { deliveryId: 'same-id' }),
    );
    const second = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'workflow_run', payload, { deliveryId: 'same-id' }),
    );
    expect([first.statusCode, second.statusCode]).toEqual([202, 200]);
    expect(JSON.parse(second.body!)).toEqual({ duplicate: 'same-id' });
    expect(ctx.queue.sent).toHaveLength(1);
  });

  it('forgets the delivery when enqueueing fails, so the sender retry is accepted', async () => {
    const payload = examples.find((e) => e.name === 'workflow_run')!.examples[0];
    ctx.queue.failNext = true;
    await expect(
      ctx.receive(githubDelivery('proj-1', SECRET, 'workflow_run', payload, { deliveryId: 'retry-me' })),
    ).rejects.toThrow();
    const retry = await ctx.receive(
      githubDelivery('proj-1', SECRET, 'workflow_run', payload, { deliveryId: 'retry-me' }),
    );
    expect(retry.statusCode).toBe(202);
    expect(ctx.queue.sent).toHaveLength(1);
  });
});
