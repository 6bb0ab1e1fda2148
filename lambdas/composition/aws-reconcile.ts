import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { ENV } from '#adapters/aws/schema.js';
import { SecretsManagerIntegrationTokens } from '#adapters/aws/secrets-manager-secrets.js';
import { SfnActionWorkflows } from '#adapters/aws/sfn-action-workflows.js';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { TokenIntegrations } from '#adapters/token-integrations.js';
import type { FindStuckDeps } from '#lambdas/app/reconcile/find-stuck.js';
import type { RepairDeps } from '#lambdas/app/reconcile/repair-task.js';
import { IntegrationEnvSchema, RecordEnvSchema, TableEnvSchema } from '#lambdas/config/aws-env.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import type { Logger } from '#lambdas/ports.js';
import { createDocumentClient, createLogger } from './aws-clients.js';
import { integrationFactories } from './integration-factories.js';

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
  const config = loadConfig(RecordEnvSchema, env);
  const tokens = loadConfig(IntegrationEnvSchema, env);
  const table = { client: createDocumentClient(config.AWS_REGION), tableName: config[ENV.tableName] };
  return {
    projects: new CachedProjectStore({ inner: new DynamoDBProjectStore(table), clock: systemClock }),
    tasks: new DynamoDBTaskStore(table),
    workflows: new SfnActionWorkflows({
      client: new SFNClient({ region: config.AWS_REGION }),
      stateMachineArn: config[ENV.actionStateMachineArn],
    }),
    integrations: new TokenIntegrations({
      tokens: new SecretsManagerIntegrationTokens({
        client: new SecretsManagerClient({ region: tokens.AWS_REGION }),
        prefix: tokens[ENV.secretPrefix],
      }),
      factories: integrationFactories({
        githubBaseUrl: tokens[ENV.githubApiUrl],
        asanaBaseUrl: tokens[ENV.asanaApiUrl],
      }),
      clock: systemClock,
    }),
    clock: systemClock,
    ids: ulidIds(),
    logger: createLogger('reconcile-repair'),
  };
}

/** Summary on AWS: only a logger. */
export function awsSummaryDeps(): { logger: Logger } {
  return { logger: createLogger('reconcile-summary') };
}
