import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Powertools logger for one function; correlation ids are appended per invocation by the functions. */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

/** The DocumentClient every DynamoDB adapter shares (undefined attributes are dropped, not errors). */
export function createDocumentClient(region: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ region }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
