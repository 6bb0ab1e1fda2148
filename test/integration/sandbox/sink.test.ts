import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeOutboundWebhooks } from '#adapters/http/node-outbound-webhooks.js';
import { signBody } from '#lambdas/app/webhook-effects.js';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { startTestSandbox } from './sandbox-client.js';

describe('sandbox webhook sink', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());

  it('records what an outbound webhook posts, headers and raw body', async () => {
    const body = JSON.stringify({ hello: 'n8n' });
    const outbound = new NodeOutboundWebhooks({ allowPrivate: true });

    const { status } = await outbound.post(`${sandbox.url}/sink/n8n`, body, {
      'x-autoflow-signature-256': signBody(body, 'k'),
    });

    expect(status).toBe(200);
    const listed = (await (await fetch(`${sandbox.url}/sink/n8n`)).json()) as {
      deliveries: { headers: Record<string, string>; body: string }[];
    };
    expect(listed.deliveries).toHaveLength(1);
    expect(listed.deliveries[0]).toMatchObject({
      body,
      headers: { 'x-autoflow-signature-256': signBody(body, 'k'), 'content-type': 'application/json' },
    });
  });
});
