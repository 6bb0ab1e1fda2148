import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { funnelOf } from '#core/analytics/aggregate.js';
import { applyEvent, targetOf } from '#lambdas/app/apply-event.js';
import type { AnalyticsStore } from '#lambdas/ports.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { deletedEvent, snapshotEvent } from '../../helpers/factories.js';
import { createPipelineFixture } from '../../helpers/pipeline-fixture.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describe('applyEvent counts analytics', () => {
  it('counts a new task once and moves its status count, redelivery included', async () => {
    // Prepare
    const fixture = await createPipelineFixture(db);
    const analytics = new DynamoDBAnalyticsStore(fixture.table);
    const deps = { ...fixture.deps, analytics };
    const event = snapshotEvent({ modifiedAt: '2026-11-25T09:59:00.000Z' });

    // Act
    await applyEvent(fixture.config, event, targetOf(event), deps, { deliveryId: 'd-1' });
    await applyEvent(fixture.config, event, targetOf(event), deps, { deliveryId: 'd-1' });
    const deleted = deletedEvent({ occurredAt: '2026-11-25T10:00:00.000Z' });
    await applyEvent(fixture.config, deleted, targetOf(deleted), deps, { deliveryId: 'd-2' });

    // Assess
    expect(await analytics.statusCounts(fixture.projectId)).toEqual({ RECEIVED: 0, CANCELLED: 1 });
    const days = await analytics.listDays(fixture.projectId, { from: '2026-11-25', to: '2026-11-25' });
    expect(funnelOf(days)[0]).toEqual({ stage: 'AUTOTASK', count: 1 });
  });

  it('never fails the event when counting fails, and says so in the log', async () => {
    const fixture = await createPipelineFixture(db);
    const broken: AnalyticsStore = {
      recordProgress: async () => {
        throw new Error('throttled');
      },
      statusCounts: async () => ({}),
      listDays: async () => [],
      recountStatuses: async () => ({}),
    };
    const event = snapshotEvent({ modifiedAt: '2026-11-25T09:59:00.000Z' });

    const task = await applyEvent(fixture.config, event, targetOf(event), {
      ...fixture.deps,
      analytics: broken,
    });

    expect(task?.status).toBe('RECEIVED');
    expect(fixture.started).toHaveLength(1);
    expect(fixture.logger.lines.map((l) => l.message)).toContain('analytics not counted');
  });
});
