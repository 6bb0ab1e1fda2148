import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { ensureMainTable } from '#adapters/aws/create-table.js';

/** The embedded DynamoDB of the local runtime, with a count of operations for the simulator. */
export interface LocalDynamoDB {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  /** DynamoDB operations sent so far. */
  operations(): number;
  /** Operations by command name (GetItemCommand, PutItemCommand, …). */
  operationsByCommand(): Record<string, number>;
  stop(): Promise<void>;
}

/** Starts dynalite (persisted under `path` when given) on a free loopback port and creates the main table. */
export async function startLocalDynamoDB(options: {
  path?: string;
  tableName?: string;
}): Promise<LocalDynamoDB> {
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  let count = 0;
  const byCommand: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      count++;
      const name = String(context.commandName ?? 'unknown');
      byCommand[name] = (byCommand[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countOperations' },
  );
  const tableName = options.tableName ?? 'autoflow-local';
  await ensureMainTable(client, tableName);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    doc,
    tableName,
    endpoint,
    operations: () => count,
    operationsByCommand: () => ({ ...byCommand }),
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
