import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every DynamoDB store is built from: the injected client and the main table's name. */
export interface DynamoDBStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}
