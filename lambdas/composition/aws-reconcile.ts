import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBAsanaWebhookRegistry } from '#adapters/aws/dynamodb-asana-webhook-registry.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBCursorStore } from '#adapters/aws/dynamodb-cursor-store.js';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { ENV } from '#adapters/aws/schema.js';
import { systemClock } from '#adapters/system.js';
import type { FindStuckDeps } from '#lambdas/app/reconcile/find-stuck.js';
import type { RepairDeps } from '#lambdas/app/reconcile/repair-task.js';
import type { RepairWebhooksDeps } from '#lambdas/app/reconcile/repair-webhooks.js';
import { TableEnvSchema, WebhookRepairEnvSchema } from '#lambdas/config/aws-env.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import type { Logger } from '#lambdas/ports.js';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  SecretsManagerIntegrationTokens,
  SecretsManagerWebhookSecrets,
} from '#adapters/aws/secrets-manager-secrets.js';
import { createDocumentClient, createLogger } from './aws-clients.js';
import { tokenWebhookAdmin } from './console-webhooks.js';
import { awsIntegrations, awsTaskDeps } from './aws-pipeline.js';

type Env = Record<string, string | undefined>;

/** FindStuck on AWS: table reads and the window lease. */
export function awsFindStuckDeps(env: Env): FindStuckDeps {
  const config = loadConfig(TableEnvSchema, env);
  const table = { client: createDocumentClient(config.AWS_REGION), tableName: config[ENV.tableName] };
  return {
    projects: new DynamoDBProjectStore(table),
    tasks: new DynamoDBTaskStore(table),
    leases: new DynamoDBLeaseStore(table),
    clock: systemClock,
  };
}

/** Repair on AWS: like the worker, it reads GitHub and Asana and applies events (starting actions). */
export function awsRepairDeps(env: Env): RepairDeps {
  const base = awsTaskDeps('reconcile-repair', env);
  return {
    ...base,
    integrations: awsIntegrations(env),
    killSwitches: new DynamoDBKillSwitchStore({ client: base.doc, tableName: base.tableName }),
  };
}

/** RepairWebhooks on AWS: like Repair (it backfills Asana tasks), plus cursors, the receivers' URL and health. */
export function awsRepairWebhooksDeps(env: Env): RepairWebhooksDeps {
  const config = loadConfig(WebhookRepairEnvSchema, env);
  const base = awsTaskDeps('reconcile-webhooks', env);
  const table = { client: base.doc, tableName: base.tableName };
  const secretsClient = new SecretsManagerClient({ region: config.AWS_REGION });
  const prefix = config[ENV.secretPrefix];
  return {
    ...base,
    integrations: awsIntegrations(env),
    cursors: new DynamoDBCursorStore(table),
    webhookBaseUrl: config[ENV.webhookBaseUrl].replace(/\/+$/, ''),
    health: new DynamoDBIntegrationHealthStore(table),
    audit: new DynamoDBAuditLog({ client: base.doc, tableName: config[ENV.auditTableName] }),
    // Re-creating an Asana webhook Asana disabled: the same set-up the console runs (handshake in the table).
    webhookAdmin: tokenWebhookAdmin({
      tokens: new SecretsManagerIntegrationTokens({ client: secretsClient, prefix }),
      webhookSecrets: new SecretsManagerWebhookSecrets({ client: secretsClient, prefix }),
      handshakes: new DynamoDBHandshakeStore(table),
      registry: new DynamoDBAsanaWebhookRegistry(table),
      githubBaseUrl: config[ENV.githubApiUrl],
      asanaBaseUrl: config[ENV.asanaApiUrl],
    }),
  };
}

/** Summary on AWS: only a logger. */
export function awsSummaryDeps(): { logger: Logger } {
  return { logger: createLogger('reconcile-summary') };
}
