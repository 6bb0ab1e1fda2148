import { createHmac, randomBytes } from 'node:crypto';
import githubExamples from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectConfig } from '../../helpers/factories.js';
import { startTestProduct } from '../../helpers/local-product.js';

const CONSUMED = ['ping', 'issues', 'issue_comment', 'pull_request', 'workflow_run'];
const examples = (
  githubExamples as { name: string; examples: { repository?: { full_name: string } }[] }[]
).filter((e) => CONSUMED.includes(e.name));
const EXAMPLE_REPOS = [
  ...new Set(
    examples.flatMap((e) => e.examples.map((p) => p.repository?.full_name).filter((r): r is string => !!r)),
  ),
];

let product: Awaited<ReturnType<typeof startTestProduct>>;
const secret = randomBytes(16).toString('hex');
const projectId = 'examples-project';

beforeAll(async () => {
  product = await startTestProduct();
  await product.stack.stores.projects.createProject(
    createProjectConfig({ projectId, slug: 'examples', github: { repos: EXAMPLE_REPOS } }),
  );
  product.stack.secrets.set(projectId, { webhooks: { github: secret } });
});
afterAll(async () => {
  await product.stop();
  product.cleanup();
});

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${product.stack.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
const depth = () => product.stack.queue.depth();
const enqueued = () => depth().visible + depth().inFlight;

describe('the local stack behind HTTP, as API Gateway would call the receivers', () => {
  it('accepts every signed real example payload of the consumed events', async () => {
    let i = 0;
    for (const { name, examples: payloads } of examples) {
      for (const payload of payloads) {
        const body = JSON.stringify(payload);
        const res = await post(`/webhooks/github/${projectId}`, body, {
          'x-github-event': name,
          'x-github-delivery': `example-${i++}`,
          'x-hub-signature-256': sign(body),
        });
        expect(res.status, `${name}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
      }
    }
  });

  it('answers 401 to a wrong signature, 400 to malformed JSON, 404 to an unknown project, and enqueues nothing', async () => {
    await product.stack.settle();
    const before = enqueued();
    const good = JSON.stringify(examples.find((e) => e.name === 'workflow_run')!.examples[0]);
    const wrong = await post(`/webhooks/github/${projectId}`, good, {
      'x-github-event': 'workflow_run',
      'x-github-delivery': 'w-1',
      'x-hub-signature-256': sign(good, 'nope'),
    });
    const malformed = await post(`/webhooks/github/${projectId}`, '{"action":', {
      'x-github-event': 'workflow_run',
      'x-github-delivery': 'w-2',
      'x-hub-signature-256': sign('{"action":'),
    });
    const unknown = await post('/webhooks/github/no-such-project', good, {
      'x-github-event': 'workflow_run',
      'x-github-delivery': 'w-3',
      'x-hub-signature-256': sign(good),
    });
    expect([wrong.status, malformed.status, unknown.status]).toEqual([401, 400, 404]);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
    expect(enqueued()).toBe(before);
  });

  it('answers 413 to a body over the API Gateway limit before any handler runs', async () => {
    const res = await post(`/webhooks/github/${projectId}`, 'x'.repeat(10 * 1024 * 1024 + 1), {
      'x-github-event': 'ping',
      'x-github-delivery': 'big',
    });
    expect(res.status).toBe(413);
  });

  it('serves /healthz and /readyz', async () => {
    expect((await fetch(`${product.stack.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${product.stack.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
