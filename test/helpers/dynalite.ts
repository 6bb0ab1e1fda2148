import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { ensureAuditTable } from '#adapters/aws/create-audit-table.js';
import { ensureMainTable } from '#adapters/aws/create-table.js';

/** A running in-memory dynalite with the main table created. */
export interface Dynalite {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** The audit table (append-only, hash chains). */
  auditTableName: string;
  stop(): Promise<void>;
}

/** Starts dynalite in memory on a free port of 127.0.0.1 and creates the main and audit tables. */
export async function startDynalite(): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  const tableName = `autoflow-test-${randomUUID()}`;
  await ensureMainTable(client, tableName);
  const auditTableName = `${tableName}-audit`;
  await ensureAuditTable(client, auditTableName);
  return {
    client,
    doc,
    tableName,
    auditTableName,
    async stop() {
      doc.destroy();
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
