import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBDeliveryLog } from '#adapters/aws/dynamodb-delivery-log.js';
import { DELIVERY_TTL_SECONDS } from '#adapters/aws/schema.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite } from '../../helpers/dynalite.js';
import type { Dynalite } from '../../helpers/dynalite.js';

const receivedAt = new Date('2025-01-01T00:00:00.000Z');
const afterTtl = new Date(receivedAt.getTime() + (DELIVERY_TTL_SECONDS + 1) * 1000);

describe('DynamoDBDeliveryLog', () => {
  let db: Dynalite;
  let log: DynamoDBDeliveryLog;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
    log = new DynamoDBDeliveryLog({ client: db.doc, tableName: db.tableName });
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(() => {
    projectId = uniqueProjectId();
  });

  it('records a delivery once and reports the repeat as a duplicate', async () => {
    expect(await log.recordDelivery(projectId, 'd-1', receivedAt)).toBe(true);

    expect(await log.recordDelivery(projectId, 'd-1', new Date(receivedAt.getTime() + 60_000))).toBe(false);
  });

  it('keeps deliveries of different projects apart', async () => {
    await log.recordDelivery(projectId, 'd-1', receivedAt);

    expect(await log.recordDelivery(uniqueProjectId(), 'd-1', receivedAt)).toBe(true);
  });

  it('sets the ttl DELIVERY_TTL_SECONDS after receipt', async () => {
    await log.recordDelivery(projectId, 'd-1', receivedAt);

    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: `DELIVERY#${projectId}#d-1`, sk: 'DELIVERY' } }),
    );
    expect(Item?.ttl).toBe(receivedAt.getTime() / 1000 + DELIVERY_TTL_SECONDS);
  });

  it('treats a delivery whose ttl has passed as new, even before TTL deletes it', async () => {
    await log.recordDelivery(projectId, 'd-1', receivedAt);

    expect(await log.recordDelivery(projectId, 'd-1', afterTtl)).toBe(true);
  });

  it('forgets a delivery that could not be enqueued, so its retry is accepted', async () => {
    await log.recordDelivery(projectId, 'd-1', receivedAt);

    await log.forgetDelivery(projectId, 'd-1');

    expect(await log.recordDelivery(projectId, 'd-1', receivedAt)).toBe(true);
  });
});
