import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessReport } from '#core/readiness.js';
import { startTestProduct } from '../../helpers/local-product.js';

let product: Awaited<ReturnType<typeof startTestProduct>>;

beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(async () => {
  await product.stop();
  product.cleanup();
});

async function readyz(): Promise<{ status: number; body: ReadinessReport }> {
  const res = await fetch(`${product.stack.url}/readyz`);
  return { status: res.status, body: (await res.json()) as ReadinessReport };
}

function demoIntegrations(body: ReadinessReport) {
  return body.checks.integrations.find((i) => i.projectId === product.demo!.projectId);
}

describe('/readyz on the local stack', () => {
  it('reports the store, the queue, the secrets and the integrations the reconciler checked', async () => {
    await product.stack.reconcileNow();

    const { status, body } = await readyz();

    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', checks: { store: true, queue: true, secrets: true } });
    expect(demoIntegrations(body)).toMatchObject({
      github: 'ok',
      asana: 'ok',
      asanaWebhooks: 'ok',
      problems: [],
    });
  });

  it('stays 200 but degraded when a project token stops working', async () => {
    const sandbox = product.sandbox!;
    sandbox.control.setTokenRevoked('github', true);
    try {
      await product.stack.reconcileNow();
      const { status, body } = await readyz();

      expect(status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(demoIntegrations(body)).toMatchObject({ github: 'invalid', problems: ['github_token_invalid'] });
      const warning = product.logs.lines.find((l) => l.message === 'integration health changed');
      expect(warning?.level).toBe('WARN');
    } finally {
      sandbox.control.setTokenRevoked('github', false);
    }
    await product.stack.reconcileNow();
    expect((await readyz()).body.status).toBe('ready');
  });

  it('re-creates the Asana webhook Asana deleted and says so', async () => {
    const sandbox = product.sandbox!;
    const resource = product.demo!.asanaProjectGid;
    const before = sandbox.state.asana.webhooks.filter((h) => h.resourceGid === resource).map((h) => h.gid);
    sandbox.control.deleteAsanaWebhooks({ resource });

    await product.stack.reconcileNow();

    const after = sandbox.state.asana.webhooks.filter((h) => h.resourceGid === resource);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]?.gid);
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(demoIntegrations(body)).toMatchObject({
      asanaWebhooks: 'recreated',
      problems: ['asana_webhook_recreated'],
    });
    const health = await product.stack.stores.integrationHealth.getHealth(product.demo!.projectId);
    expect(health?.asanaWebhooks).toMatchObject({ projectGids: [resource], recreatedAt: expect.any(String) });
  });

  it('answers 503 when the secrets can no longer be read', async () => {
    const file = join(product.dataDir, 'secrets.enc.json');
    const sealed = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(sealed), tag: Buffer.alloc(16).toString('base64') }));
    try {
      const { status, body } = await readyz();
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'not_ready',
        checks: { secrets: false, store: true, queue: true },
      });
    } finally {
      writeFileSync(file, sealed);
    }
    expect((await readyz()).status).toBe(200);
  });
});
