import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { randomBytes } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'hono';
import { DynamoDBApiTokenStore } from '#adapters/aws/dynamodb-api-token-store.js';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBIdempotencyStore } from '#adapters/aws/dynamodb-idempotency-store.js';
import { DynamoDBPolicyStore } from '#adapters/aws/dynamodb-policy-store.js';
import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { shippedDefaultPolicies, shippedSchema } from '#adapters/cedar/shipped-policies.js';
import { DynamoDBAsanaWebhookRegistry } from '#adapters/aws/dynamodb-asana-webhook-registry.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
import { DynamoDBImportJobStore } from '#adapters/aws/dynamodb-import-job-store.js';
import { DynamoDBInviteStore } from '#adapters/aws/dynamodb-invite-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { SqsDeadLetterQueue } from '#adapters/aws/sqs-dead-letter-queue.js';
import { SqsJobQueueHealth } from '#adapters/aws/sqs-job-queue-health.js';
import { cloudWatchQueueAge } from '#adapters/aws/cloudwatch-queue-age.js';
import { DynamoDBLoginThrottleStore } from '#adapters/aws/dynamodb-login-throttle-store.js';
import { DynamoDBMembershipStore } from '#adapters/aws/dynamodb-membership-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBSessionStore } from '#adapters/aws/dynamodb-session-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { DynamoDBUserStore } from '#adapters/aws/dynamodb-user-store.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { ENV } from '#adapters/aws/schema.js';
import { SecretsManagerInitAdminToken } from '#adapters/aws/secrets-manager-init-admin-token.js';
import { SecretsManagerSecretSettings } from '#adapters/aws/secrets-manager-secret-settings.js';
import {
  SecretsManagerIntegrationTokens,
  SecretsManagerWebhookSecrets,
} from '#adapters/aws/secrets-manager-secrets.js';
import { SecretsManagerTriggerSecrets } from '#adapters/aws/secrets-manager-trigger-secrets.js';
import { SfnActionWorkflows } from '#adapters/aws/sfn-action-workflows.js';
import { SfnTaskTokens } from '#adapters/aws/sfn-task-tokens.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { randomTokens } from '#lambdas/api/auth/random-tokens.js';
import type { ApiDeps } from '#lambdas/api/deps.js';
import type { ProjectMounts } from '#lambdas/api/routes/project.js';
import { analyticsRoutes } from '#lambdas/api/routes/analytics.js';
import { createApprovalsRoutes } from '#lambdas/api/routes/approvals.js';
import { createBearerAuthenticator } from '#lambdas/api/v1/authenticate-bearer.js';
import type { ApiV1Deps } from '#lambdas/api/v1/deps.js';
import { createTriggersRoutes } from '#lambdas/api/routes/triggers.js';
import { API_ENV, ApiFunctionEnvSchema } from '#lambdas/config/api-env.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import { createDocumentClient, createLogger } from './aws-clients.js';
import { tokenAsana } from './console-asana.js';
import { tokenWebhookAdmin } from './console-webhooks.js';

/**
 * The viewer's address behind CloudFront (`CloudFront-Viewer-Address: ip:port`, added by the origin
 * request policy), else API Gateway's source IP. Used only to throttle sign-ins.
 */
export function lambdaClientIp(c: Context): string {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '');
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? 'unknown';
}

/** The console API's dependencies on AWS, its mounted sub-apps (approvals) and /api/v1's, built once per container. */
export function awsApi(env: Record<string, string | undefined>): {
  deps: ApiDeps;
  mounts: ProjectMounts;
  v1: ApiV1Deps;
} {
  const config = loadConfig(ApiFunctionEnvSchema, env);
  const region = config.AWS_REGION;
  const doc = createDocumentClient(region);
  const table = { client: doc, tableName: config[ENV.tableName] };
  const secretsClient = new SecretsManagerClient({ region });
  const prefix = config[ENV.secretPrefix];
  const clock = systemClock;
  const ids = ulidIds(clock);
  const logger = createLogger('api');
  const tasks = new DynamoDBTaskStore(table);
  const publicUrl = config[API_ENV.publicUrl];
  const sfn = new SFNClient({ region });
  const audit = new DynamoDBAuditLog({ client: doc, tableName: config[ENV.auditTableName] });
  const analytics = new DynamoDBAnalyticsStore(table);
  const sqs = new SQSClient({ region });
  const webhookHealth = new DynamoDBWebhookHealthStore(table);
  const approvals = new DynamoDBApprovalStore(table);
  const taskTokens = new SfnTaskTokens({ client: sfn });
  const workflows = new SfnActionWorkflows({
    client: sfn,
    stateMachineArn: config[ENV.actionStateMachineArn],
  });
  const triggers = new DynamoDBTriggerStore(table);
  const triggerSecrets = new SecretsManagerTriggerSecrets({ client: secretsClient, prefix });
  const jobs = new SqsJobQueueHealth({
    client: sqs,
    queueUrl: config[API_ENV.ingestQueueUrl],
    dlqUrl: config[API_ENV.deadLetterQueueUrl],
    // SQS's API does not expose the oldest message's age; CloudWatch's SQS metrics do.
    oldestMessageAge: cloudWatchQueueAge({
      client: new CloudWatchClient({ region }),
      queueUrl: config[API_ENV.ingestQueueUrl],
      clock,
    }),
  });
  const mounts = {
    '/approvals': createApprovalsRoutes({ approvals, tasks, taskTokens, audit, clock }),
    '/analytics': analyticsRoutes({ analytics, tasks, webhookHealth, jobs, clock }),
    '/triggers': createTriggersRoutes({
      triggers,
      killSwitches: new DynamoDBKillSwitchStore(table),
      triggerSecrets,
      tasks,
      workflows,
      audit,
      clock,
      ids,
    }),
  };
  const apiTokens = new DynamoDBApiTokenStore(table);
  const integrationTokens = new SecretsManagerIntegrationTokens({ client: secretsClient, prefix });
  const deps: ApiDeps = {
    // Uncached: an admin reads back the settings they just saved.
    projects: new DynamoDBProjectStore(table),
    tasks,
    users: new DynamoDBUserStore(table),
    sessions: new DynamoDBSessionStore(table),
    invites: new DynamoDBInviteStore(table),
    memberships: new DynamoDBMembershipStore(table),
    loginThrottle: new DynamoDBLoginThrottleStore(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    deadLetters: new SqsDeadLetterQueue({
      client: sqs,
      queueUrl: config[API_ENV.ingestQueueUrl],
      queueArn: config[API_ENV.ingestQueueArn],
      dlqUrl: config[API_ENV.deadLetterQueueUrl],
      dlqArn: config[API_ENV.deadLetterQueueArn],
    }),
    secrets: new SecretsManagerSecretSettings({ client: secretsClient, prefix }),
    webhookHealth,
    integrationHealth: new DynamoDBIntegrationHealthStore(table),
    importJobs: new DynamoDBImportJobStore(table),
    apiTokens,
    audit,
    initAdminToken: new SecretsManagerInitAdminToken({
      client: secretsClient,
      secretId: config[API_ENV.initAdminTokenSecretId],
    }),
    passwords: new ScryptPasswordHasher(),
    tokens: randomTokens,
    asana: tokenAsana(integrationTokens, config[ENV.asanaApiUrl]),
    webhookAdmin: tokenWebhookAdmin({
      tokens: integrationTokens,
      webhookSecrets: new SecretsManagerWebhookSecrets({ client: secretsClient, prefix }),
      handshakes: new DynamoDBHandshakeStore(table),
      registry: new DynamoDBAsanaWebhookRegistry(table),
      githubBaseUrl: config[ENV.githubApiUrl],
      asanaBaseUrl: config[ENV.asanaApiUrl],
    }),
    pipeline: {
      tasks,
      workflows,
      analytics,
      triggers,
      clock,
      ids,
      logger,
    },
    clock,
    ids,
    logger,
    options: {
      cookie: { name: '__Host-autoflow_session', secure: true },
      allowedOrigins: () => [new URL(publicUrl).origin],
      publicUrl: () => publicUrl,
      clientIp: lambdaClientIp,
    },
  };
  let cedar: CedarEngine | undefined;
  const v1: ApiV1Deps = {
    ...deps,
    apiTokens,
    idempotency: new DynamoDBIdempotencyStore(table),
    authenticate: createBearerAuthenticator({ apiTokens, projects: deps.projects, clock, logger }),
    policies: new DynamoDBPolicyStore(table),
    // Built on first use: only policy saves need Cedar, so other requests skip loading it.
    policyValidator: { validate: (text) => (cedar ??= new CedarEngine(shippedSchema())).validate(text) },
    defaultPolicyText: shippedDefaultPolicies,
    approvals,
    taskTokens,
    analytics,
    jobs,
    randomBytes: () => randomBytes(32),
    triggers,
    triggerSecrets,
  };
  return { deps, mounts, v1 };
}
