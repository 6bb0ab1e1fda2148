import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { MAIN_TABLE } from './schema.js';

const indexes = Object.values(MAIN_TABLE.indexes);

function hasName(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (hasName(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

async function create(client: DynamoDBClient, tableName: string): Promise<void> {
  const keyAttributes = [
    MAIN_TABLE.partitionKey,
    MAIN_TABLE.sortKey,
    ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: MAIN_TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: MAIN_TABLE.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  } catch (error) {
    // Another process (a second local runtime, a parallel test) created it first.
    if (!hasName(error, 'ResourceInUseException')) throw error;
  }
  await waitUntilActive(client, tableName);
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName });
}

async function enableTtl(client: DynamoDBClient, tableName: string): Promise<void> {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  if (
    TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' ||
    TimeToLiveDescription?.TimeToLiveStatus === 'ENABLING'
  )
    return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: MAIN_TABLE.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // dynalite has no UpdateTimeToLive and never expires items; the adapters treat a passed ttl as absent.
    if (!hasName(error, 'UnknownOperationException')) throw error;
  }
}

/** Creates the main table from `MAIN_TABLE` when missing and enables TTL where supported (local runtime, tests). */
export async function ensureMainTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await describe(client, tableName);
  if (existing === undefined) {
    await create(client, tableName);
  } else {
    if (existing.TableStatus !== 'ACTIVE') await waitUntilActive(client, tableName);
    const names = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const missing = indexes.filter((i) => !names.has(i.name)).map((i) => i.name);
    if (missing.length > 0) {
      throw new Error(
        `table ${tableName} exists without index ${missing.join(', ')}; recreate it (locally: delete .autoflow/)`,
      );
    }
  }
  await enableTtl(client, tableName);
}
