import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBBudgetStore } from '#adapters/aws/dynamodb-budget-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { ENV } from '#adapters/aws/schema.js';
import { SecretsManagerIntegrationTokens } from '#adapters/aws/secrets-manager-secrets.js';
import { SfnActionWorkflows } from '#adapters/aws/sfn-action-workflows.js';
import { SqsIngestQueue } from '#adapters/aws/sqs-ingest-queue.js';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { CachedTriggerSource } from '#adapters/cached-trigger-source.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { TokenIntegrations } from '#adapters/token-integrations.js';
import type { RecordDeps } from '#lambdas/app/record-outcome.js';
import {
  AuditEnvSchema,
  IntegrationEnvSchema,
  RecordEnvSchema,
  WorkerEnvSchema,
} from '#lambdas/config/aws-env.js';
import type { WorkerDeps } from '#lambdas/functions/worker.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import type { Integrations } from '#lambdas/ports.js';
import { createDocumentClient, createLogger } from './aws-clients.js';
import { integrationFactories } from './integration-factories.js';

type Env = Record<string, string | undefined>;

/** GitHub and Asana clients from the project tokens in Secrets Manager (Execute, worker, reconcile Repair). */
export function awsIntegrations(env: Env): Integrations {
  const config = loadConfig(IntegrationEnvSchema, env);
  return new TokenIntegrations({
    tokens: new SecretsManagerIntegrationTokens({
      client: new SecretsManagerClient({ region: config.AWS_REGION }),
      prefix: config[ENV.secretPrefix],
    }),
    factories: integrationFactories({
      githubBaseUrl: config[ENV.githubApiUrl],
      asanaBaseUrl: config[ENV.asanaApiUrl],
    }),
    clock: systemClock,
  });
}

/** What every function that applies events needs: stores, triggers, the action machine, clock, ids, logger. */
export function awsTaskDeps(serviceName: string, env: Env) {
  const config = loadConfig(RecordEnvSchema, env);
  const doc = createDocumentClient(config.AWS_REGION);
  const tableName = config[ENV.tableName];
  return {
    doc,
    tableName,
    projects: new CachedProjectStore({
      inner: new DynamoDBProjectStore({ client: doc, tableName }),
      clock: systemClock,
    }),
    tasks: new DynamoDBTaskStore({ client: doc, tableName }),
    analytics: new DynamoDBAnalyticsStore({ client: doc, tableName }),
    triggers: new CachedTriggerSource({
      inner: new DynamoDBTriggerStore({ client: doc, tableName }),
      clock: systemClock,
    }),
    workflows: new SfnActionWorkflows({
      client: new SFNClient({ region: config.AWS_REGION }),
      stateMachineArn: config[ENV.actionStateMachineArn],
    }),
    clock: systemClock,
    ids: ulidIds(),
    logger: createLogger(serviceName),
  };
}

/** The worker on AWS. */
export function awsWorkerDeps(env: Env): WorkerDeps {
  const base = awsTaskDeps('worker', env);
  const config = loadConfig(WorkerEnvSchema, env);
  const queue = new SqsIngestQueue({
    client: new SQSClient({ region: config.AWS_REGION }),
    queueUrl: config[ENV.queueUrl],
  });
  return { ...base, integrations: awsIntegrations(env), queue };
}

/** The Record step on AWS (also marks expired approvals and audits outcomes). */
export function awsRecordDeps(env: Env): RecordDeps {
  const base = awsTaskDeps('action-record', env);
  const audit = loadConfig(AuditEnvSchema, env)[ENV.auditTableName];
  return {
    ...base,
    approvals: new DynamoDBApprovalStore({ client: base.doc, tableName: base.tableName }),
    audit: new DynamoDBAuditLog({ client: base.doc, tableName: audit }),
    budgets: new DynamoDBBudgetStore({ client: base.doc, tableName: base.tableName }),
    killSwitches: new DynamoDBKillSwitchStore({ client: base.doc, tableName: base.tableName }),
  };
}
