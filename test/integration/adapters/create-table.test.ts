import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMainTable } from '#adapters/aws/create-table.js';
import { MAIN_TABLE } from '#adapters/aws/schema.js';
import { startDynalite } from '../../helpers/dynalite.js';
import type { Dynalite } from '../../helpers/dynalite.js';

describe('ensureMainTable', () => {
  let db: Dynalite;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(async () => {
    await db.stop();
  });

  it('creates the table with its key schema and the status index', async () => {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: MAIN_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: MAIN_TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: MAIN_TABLE.indexes.byStatus.name,
        Projection: { ProjectionType: 'ALL' },
      }),
    ]);
  });

  it('leaves an existing table alone and tolerates the missing TTL API', async () => {
    await expect(ensureMainTable(db.client, db.tableName)).resolves.toBeUndefined();
  });

  it('creates a second table under another name', async () => {
    await ensureMainTable(db.client, `${db.tableName}-other`);

    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: `${db.tableName}-other` }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });
});
