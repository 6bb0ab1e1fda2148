import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBAsanaWebhookRegistry } from '#adapters/aws/dynamodb-asana-webhook-registry.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { MissingTokenError, PermanentIntegrationError } from '#core/errors.js';
import { checkIntegrations } from '#lambdas/app/reconcile/check-integrations.js';
import type { Integrations } from '#lambdas/ports.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createProjectConfig } from '../../helpers/factories.js';
import { fixedClock, memoryHandshakes, memoryLogger } from '../../helpers/memory-ports.js';
import { memoryIntegrations } from '../../helpers/memory-trackers.js';
import { memoryWebhookAdmin } from '../api/memory-webhook-admin.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

function setup(integrations: Integrations = memoryIntegrations()) {
  const table = { client: db.doc, tableName: db.tableName };
  const clock = fixedClock();
  const config = createProjectConfig({ projectId: uniqueProjectId() });
  const deps = {
    integrations,
    health: new DynamoDBIntegrationHealthStore(table),
    audit: new DynamoDBAuditLog({ client: db.doc, tableName: db.auditTableName }),
    webhookAdmin: memoryWebhookAdmin({
      handshakes: memoryHandshakes(),
      registry: new DynamoDBAsanaWebhookRegistry(table),
      clock,
      githubSecret: async () => undefined,
    }),
    clock,
    logger: memoryLogger(),
  };
  return { config, deps };
}

describe('checkIntegrations', () => {
  it('records a project without a GitHub token as missing, without an error message', async () => {
    const memory = memoryIntegrations();
    const { config, deps } = setup({
      ...memory,
      changeReader: async (projectId) => {
        throw new MissingTokenError(`Project ${projectId} has no github token configured`);
      },
    });

    const health = await checkIntegrations(config, deps);

    expect(health).toMatchObject({ github: 'missing', asana: 'ok' });
    expect(health.lastError).toBeUndefined();
  });

  it('keeps secrets out of the recorded error', async () => {
    const memory = memoryIntegrations();
    memory.fail({
      method: 'githubCheckToken',
      times: 1,
      // Token-shaped, built at run time so secret scanners do not take the fixture for a real token.
      error: () =>
        new PermanentIntegrationError(`GitHub said 404 for ${'ghp_'}${'abcdefghijklmnopqrstuvwxyz012345'}`),
    });
    const { config, deps } = setup(memory);

    const health = await checkIntegrations(config, deps);

    expect(health.github).toBe('unreachable');
    expect(health.lastError).toBe('GitHub said 404 for ***');
    expect(await deps.health.getHealth(config.projectId)).toMatchObject({
      lastError: 'GitHub said 404 for ***',
    });
  });

  it('keeps what it last knew of the Asana webhooks while the Asana token is refused', async () => {
    const memory = memoryIntegrations();
    const { config, deps } = setup(memory);
    await deps.health.putHealth({
      projectId: config.projectId,
      github: 'ok',
      asana: 'ok',
      asanaWebhooks: { state: 'missing', projectGids: ['asana-proj-1'] },
      checkedAt: '2026-11-25T09:55:00.000Z',
      changedAt: '2026-11-25T09:50:00.000Z',
    });
    memory.tokenStates.asana = 'invalid';

    const health = await checkIntegrations(config, deps);

    expect(health).toMatchObject({
      asana: 'invalid',
      asanaWebhooks: { state: 'missing', projectGids: ['asana-proj-1'] },
      changedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(deps.logger.lines.map((l) => l.message)).toContain('integration health changed');
  });

  it('lets a bug propagate instead of recording it as an unreachable service', async () => {
    const memory = memoryIntegrations();
    const { config, deps } = setup({
      ...memory,
      workTracker: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });

    await expect(checkIntegrations(config, deps)).rejects.toBeInstanceOf(TypeError);
  });
});
