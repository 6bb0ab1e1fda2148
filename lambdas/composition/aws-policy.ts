import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBBudgetStore } from '#adapters/aws/dynamodb-budget-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBPolicyStore } from '#adapters/aws/dynamodb-policy-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBUsedTokens } from '#adapters/aws/dynamodb-used-tokens.js';
import { KmsPublicKeys, KmsSigner } from '#adapters/aws/kms-signer.js';
import { ENV } from '#adapters/aws/schema.js';
import { SecretsManagerTriggerSecrets } from '#adapters/aws/secrets-manager-trigger-secrets.js';
import { SfnTaskTokens } from '#adapters/aws/sfn-task-tokens.js';
import { NodeOutboundWebhooks } from '#adapters/http/node-outbound-webhooks.js';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { CedarPolicyDecisionPoint } from '#adapters/cedar/cedar-policy-decision-point.js';
import { shippedDefaultPolicies, shippedSchema } from '#adapters/cedar/shipped-policies.js';
import { Es256CapabilityTokens } from '#adapters/es256-capability-tokens.js';
import { StoredPolicySource } from '#adapters/stored-policy-source.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import type { AuthorizeDeps } from '#lambdas/app/authorize-action.js';
import type { EvaluateDeps } from '#lambdas/app/evaluate-action.js';
import type { ExecuteDeps } from '#lambdas/app/execute-action.js';
import type { ApprovalStepDeps } from '#lambdas/app/request-approval.js';
import {
  AuditEnvSchema,
  AuthorizeEnvSchema,
  ExecuteEnvSchema,
  IntegrationEnvSchema,
} from '#lambdas/config/aws-env.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import { budgetsOf } from '#lambdas/app/budgets-of.js';
import type { AuditLog, Notifier } from '#lambdas/ports.js';
import { createDocumentClient, createLogger, getTracer } from './aws-clients.js';
import { awsIntegrations } from './aws-pipeline.js';

type Env = Record<string, string | undefined>;

function tables(env: Env) {
  const config = loadConfig(AuditEnvSchema, env);
  const doc = createDocumentClient(config.AWS_REGION);
  return {
    region: config.AWS_REGION,
    table: { client: doc, tableName: config[ENV.tableName] },
    audit: new DynamoDBAuditLog({ client: doc, tableName: config[ENV.auditTableName] }),
  };
}

/** The audit log on AWS (the audit table; append-only by IAM). */
export function awsAuditLog(env: Env): AuditLog {
  return tables(env).audit;
}

/** Escalations are logged at WARN with a fixed message, which the stuck-approvals alarm and log subscriptions match. */
function logNotifier(serviceName: string): Notifier {
  const logger = createLogger(serviceName);
  return { notify: async (message) => logger.warn('approval escalated', { ...message }) };
}

/** The Evaluate step on AWS: kill switches, the project's policy set (or the shipped default), Cedar. */
export function awsEvaluateDeps(env: Env): EvaluateDeps {
  const { table, audit } = tables(env);
  return {
    killSwitches: new DynamoDBKillSwitchStore(table),
    projects: new CachedProjectStore({ inner: new DynamoDBProjectStore(table), clock: systemClock }),
    pdp: new CedarPolicyDecisionPoint({
      engine: new CedarEngine(shippedSchema()),
      policies: new StoredPolicySource({
        store: new DynamoDBPolicyStore(table),
        defaultText: shippedDefaultPolicies(),
        clock: systemClock,
      }),
    }),
    audit,
    clock: systemClock,
    budgets: budgetsOf(new DynamoDBBudgetStore(table)),
  };
}

/** The RequestApproval / Escalate step on AWS. */
export function awsApprovalDeps(env: Env): ApprovalStepDeps {
  const { region, table, audit } = tables(env);
  return {
    approvals: new DynamoDBApprovalStore(table),
    tasks: new DynamoDBTaskStore(table),
    taskTokens: new SfnTaskTokens({ client: getTracer().captureAWSv3Client(new SFNClient({ region })) }),
    audit,
    notifier: logNotifier('action-approval'),
    clock: systemClock,
  };
}

/** The Authorize step on AWS: the only function allowed to kms:Sign. */
export function awsAuthorizeDeps(env: Env): AuthorizeDeps {
  const config = loadConfig(AuthorizeEnvSchema, env);
  const { table, audit } = tables(env);
  const kms = getTracer().captureAWSv3Client(new KMSClient({ region: config.AWS_REGION }));
  return {
    approvals: new DynamoDBApprovalStore(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    tokens: new Es256CapabilityTokens({
      signer: new KmsSigner({ client: kms, keyId: config[ENV.signingKeyId] }),
    }),
    audit,
    clock: systemClock,
    ids: ulidIds(),
  };
}

/** The Execute step on AWS: the only function holding integration tokens for writes; verifies capabilities first. */
export function awsExecuteDeps(env: Env): ExecuteDeps {
  const config = loadConfig(ExecuteEnvSchema, env);
  const { table, audit } = tables(env);
  const kms = getTracer().captureAWSv3Client(new KMSClient({ region: config.AWS_REGION }));
  return {
    integrations: awsIntegrations(env),
    tokens: new Es256CapabilityTokens({
      publicKeys: new KmsPublicKeys({ client: kms, keyArns: config[ENV.verifyingKeyArns] }),
    }),
    usedTokens: new DynamoDBUsedTokens(table),
    audit,
    clock: systemClock,
    // On AWS outbound webhooks are https to public addresses only.
    outbound: new NodeOutboundWebhooks(),
    triggerSecrets: new SecretsManagerTriggerSecrets({
      client: new SecretsManagerClient({ region: config.AWS_REGION }),
      prefix: loadConfig(IntegrationEnvSchema, env)[ENV.secretPrefix],
    }),
  };
}
