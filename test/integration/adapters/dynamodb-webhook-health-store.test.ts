import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

describe('DynamoDBWebhookHealthStore', () => {
  let db: Dynalite;
  let store: DynamoDBWebhookHealthStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBWebhookHealthStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('counts outcomes per day and source and remembers the latest delivery, rejection and failure', async () => {
    const projectId = uniqueProjectId();
    const day1 = new Date('2026-01-01T10:00:00.000Z');
    const day2 = new Date('2026-01-02T09:00:00.000Z');
    await store.record(projectId, 'github', 'accepted', day1);
    await store.record(projectId, 'github', 'rejected_signature', new Date(day1.getTime() + 1000));
    await store.record(projectId, 'github', 'accepted', day2);
    await store.record(projectId, 'asana', 'failed', day2);

    const days = await store.recent(projectId, 7, day2);

    expect(days).toEqual([
      {
        source: 'github',
        day: '2026-01-02',
        counts: { accepted: 1 },
        lastDeliveryAt: day2.toISOString(),
        lastOutcome: 'accepted',
      },
      {
        source: 'asana',
        day: '2026-01-02',
        counts: { failed: 1 },
        lastDeliveryAt: day2.toISOString(),
        lastOutcome: 'failed',
        lastFailureAt: day2.toISOString(),
      },
      {
        source: 'github',
        day: '2026-01-01',
        counts: { accepted: 1, rejected_signature: 1 },
        lastDeliveryAt: '2026-01-01T10:00:01.000Z',
        lastOutcome: 'rejected_signature',
        lastRejectedAt: '2026-01-01T10:00:01.000Z',
      },
    ]);
    expect(await store.recent(projectId, 1, day2)).toHaveLength(2);
  });
});
