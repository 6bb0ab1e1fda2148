import { CreateTableCommand, DescribeTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AUDIT_TABLE } from './schema.js';

/** Creates the audit table from `AUDIT_TABLE` when missing (local runtime, tests); CDK creates it on AWS. */
export async function ensureAuditTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: AUDIT_TABLE.partitionKey, AttributeType: 'S' },
            { AttributeName: AUDIT_TABLE.sortKey, AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: AUDIT_TABLE.partitionKey, KeyType: 'HASH' },
            { AttributeName: AUDIT_TABLE.sortKey, KeyType: 'RANGE' },
          ],
        }),
      );
    } catch (createError) {
      if (!(createError instanceof Error && createError.name === 'ResourceInUseException')) throw createError;
    }
  }
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName });
}
