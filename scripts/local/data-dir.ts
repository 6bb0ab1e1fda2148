import { join } from 'node:path';
import { ensureAuditTable } from '#adapters/aws/create-audit-table.js';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { TaskTokenClosedError } from '#core/capability/errors.js';
import { NotFoundError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { TaskTokens } from '#lambdas/ports.js';
import { startLocalDynamoDB } from './local-dynamodb.js';
import { auditTableOf } from './action-machine.js';

/**
 * The local data dir's stores, opened while the runtime is stopped (the CLIs' offline mode). Nothing
 * waits on task tokens then: a decision is stored and the execution finds it when the runtime resumes it.
 */
export async function openDataDir(dataDir: string) {
  const dynamo = await startLocalDynamoDB({ path: join(dataDir, 'dynamodb') });
  const auditTableName = auditTableOf(dynamo.tableName);
  await ensureAuditTable(dynamo.client, auditTableName);
  const table = { client: dynamo.doc, tableName: dynamo.tableName };
  const noRunner: TaskTokens = {
    succeed: async () => {
      throw new TaskTokenClosedError('the runtime is stopped');
    },
    fail: async () => {
      throw new TaskTokenClosedError('the runtime is stopped');
    },
  };
  const stores = {
    projects: new DynamoDBProjectStore(table),
    tasks: new DynamoDBTaskStore(table),
    approvals: new DynamoDBApprovalStore(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    audit: new DynamoDBAuditLog({ client: dynamo.doc, tableName: auditTableName }),
  };
  return {
    ...stores,
    taskTokens: noRunner,
    async project(slug: string): Promise<ProjectConfig> {
      const project = await stores.projects.getProjectBySlug(slug);
      if (!project) throw new NotFoundError(`No project "${slug}" in ${dataDir}`);
      return project;
    },
    stop: () => dynamo.stop(),
  };
}
