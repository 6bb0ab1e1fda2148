import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'hono';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBImportJobStore } from '#adapters/aws/dynamodb-import-job-store.js';
import { DynamoDBInviteStore } from '#adapters/aws/dynamodb-invite-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { SqsDeadLetterQueue } from '#adapters/aws/sqs-dead-letter-queue.js';
import { DynamoDBLoginThrottleStore } from '#adapters/aws/dynamodb-login-throttle-store.js';
import { DynamoDBMembershipStore } from '#adapters/aws/dynamodb-membership-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBSessionStore } from '#adapters/aws/dynamodb-session-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { DynamoDBUserStore } from '#adapters/aws/dynamodb-user-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { ENV } from '#adapters/aws/schema.js';
import { SecretsManagerInitAdminToken } from '#adapters/aws/secrets-manager-init-admin-token.js';
import { SecretsManagerSecretSettings } from '#adapters/aws/secrets-manager-secret-settings.js';
import { SecretsManagerIntegrationTokens } from '#adapters/aws/secrets-manager-secrets.js';
import { SecretsManagerTriggerSecrets } from '#adapters/aws/secrets-manager-trigger-secrets.js';
import { SfnActionWorkflows } from '#adapters/aws/sfn-action-workflows.js';
import { SfnTaskTokens } from '#adapters/aws/sfn-task-tokens.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';
import { randomTokens } from '#lambdas/api/auth/random-tokens.js';
import type { ApiDeps } from '#lambdas/api/deps.js';
import type { ProjectMounts } from '#lambdas/api/routes/project.js';
import { createApprovalsRoutes } from '#lambdas/api/routes/approvals.js';
import { createTriggersRoutes } from '#lambdas/api/routes/triggers.js';
import { API_ENV, ApiFunctionEnvSchema } from '#lambdas/config/api-env.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import { createDocumentClient, createLogger } from './aws-clients.js';
import { tokenAsana } from './console-asana.js';

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

/** The console API's dependencies on AWS and its mounted sub-apps (approvals), built once per container. */
export function awsApi(env: Record<string, string | undefined>): { deps: ApiDeps; mounts: ProjectMounts } {
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
  const workflows = new SfnActionWorkflows({
    client: sfn,
    stateMachineArn: config[ENV.actionStateMachineArn],
  });
  const triggers = new DynamoDBTriggerStore(table);
  const mounts = {
    '/approvals': createApprovalsRoutes({
      approvals: new DynamoDBApprovalStore(table),
      tasks,
      taskTokens: new SfnTaskTokens({ client: sfn }),
      audit,
      clock,
    }),
    '/triggers': createTriggersRoutes({
      triggers,
      killSwitches: new DynamoDBKillSwitchStore(table),
      triggerSecrets: new SecretsManagerTriggerSecrets({ client: secretsClient, prefix }),
      tasks,
      workflows,
      audit,
      clock,
      ids,
    }),
  };
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
      client: new SQSClient({ region }),
      queueUrl: config[API_ENV.ingestQueueUrl],
      queueArn: config[API_ENV.ingestQueueArn],
      dlqUrl: config[API_ENV.deadLetterQueueUrl],
      dlqArn: config[API_ENV.deadLetterQueueArn],
    }),
    secrets: new SecretsManagerSecretSettings({ client: secretsClient, prefix }),
    webhookHealth: new DynamoDBWebhookHealthStore(table),
    importJobs: new DynamoDBImportJobStore(table),
    audit,
    initAdminToken: new SecretsManagerInitAdminToken({
      client: secretsClient,
      secretId: config[API_ENV.initAdminTokenSecretId],
    }),
    passwords: new ScryptPasswordHasher(),
    tokens: randomTokens,
    asana: tokenAsana(
      new SecretsManagerIntegrationTokens({ client: secretsClient, prefix }),
      config[ENV.asanaApiUrl],
    ),
    pipeline: {
      tasks,
      triggers,
      workflows,
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
  return { deps, mounts };
}
