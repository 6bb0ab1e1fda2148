import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { ValidationError } from '#core/errors.js';
import type { IntegrationHealth } from '#core/integration-health.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

function health(projectId: string, overrides: Partial<IntegrationHealth> = {}): IntegrationHealth {
  return {
    projectId,
    github: 'ok',
    asana: 'ok',
    asanaWebhooks: { state: 'ok', projectGids: [] },
    checkedAt: '2026-11-25T10:00:00.000Z',
    changedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

describe('DynamoDBIntegrationHealthStore', () => {
  let db: Dynalite;
  let store: DynamoDBIntegrationHealthStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBIntegrationHealthStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(async () => {
    await db.stop();
  });

  it('returns nothing for a project never checked', async () => {
    expect(await store.getHealth(uniqueProjectId())).toBeUndefined();
  });

  it('replaces a project record and reads it back whole', async () => {
    const projectId = uniqueProjectId();
    await store.putHealth(health(projectId));
    const later = health(projectId, {
      github: 'invalid',
      asanaWebhooks: { state: 'recreated', projectGids: ['a1'], recreatedAt: '2026-11-25T10:05:00.000Z' },
      checkedAt: '2026-11-25T10:05:00.000Z',
      changedAt: '2026-11-25T10:05:00.000Z',
      lastError: 'GitHub check the token failed (401): Bad credentials',
    });
    await store.putHealth(later);

    expect(await store.getHealth(projectId)).toEqual(later);
  });

  it('lists every project record with one query', async () => {
    const a = uniqueProjectId();
    const b = uniqueProjectId();
    await store.putHealth(health(a));
    await store.putHealth(health(b, { asana: 'missing' }));

    const all = await store.listHealth();

    expect(all.filter((h) => h.projectId === a || h.projectId === b)).toEqual(
      expect.arrayContaining([health(a), health(b, { asana: 'missing' })]),
    );
  });

  it('refuses a record whose states are not known ones', async () => {
    const bad = { ...health(uniqueProjectId()), github: 'expired' } as unknown as IntegrationHealth;
    await expect(store.putHealth(bad)).rejects.toBeInstanceOf(ValidationError);
  });
});
