import { z } from 'zod';
import { ENV } from '#adapters/aws/schema.js';

const nonEmpty = z.string().min(1, 'must not be empty');

/** Variables every function reads (set by CDK). */
const BaseEnvSchema = z.object({ [ENV.stage]: nonEmpty, AWS_REGION: nonEmpty });

/** Functions that use the main table. */
export const TableEnvSchema = BaseEnvSchema.extend({ [ENV.tableName]: nonEmpty });

/** Receivers: table, queue and webhook secrets. */
export const ReceiverEnvSchema = TableEnvSchema.extend({
  [ENV.queueUrl]: z.url('must be a URL'),
  [ENV.secretPrefix]: nonEmpty,
});

/** Record: table and the action state machine. */
export const RecordEnvSchema = TableEnvSchema.extend({
  [ENV.actionStateMachineArn]: z.string().startsWith('arn:', 'must be an ARN'),
});

/** Integration tokens and where the APIs live (Execute; the worker for its Asana reads). */
export const IntegrationEnvSchema = BaseEnvSchema.extend({
  [ENV.secretPrefix]: nonEmpty,
  [ENV.githubApiUrl]: z.url().optional(),
  [ENV.asanaApiUrl]: z.url().optional(),
});

/** The worker: the queue it puts rate-limited deliveries back on. */
export const WorkerEnvSchema = BaseEnvSchema.extend({ [ENV.queueUrl]: z.url('must be a URL') });

/** Functions that append to the audit log. */
export const AuditEnvSchema = TableEnvSchema.extend({ [ENV.auditTableName]: nonEmpty });

/** Authorize: approvals (table), audit, and the signing key alias. */
export const AuthorizeEnvSchema = AuditEnvSchema.extend({ [ENV.signingKeyId]: nonEmpty });

/** Execute: used token ids (table), audit, the keys whose tokens it accepts, and integration tokens. */
export const ExecuteEnvSchema = AuditEnvSchema.extend({
  [ENV.verifyingKeyArns]: z
    .string()
    .min(1)
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().startsWith('arn:', 'must be key ARNs')).min(1)),
});

/** Reconcile's webhook repair: table, action machine (backfilled tasks start actions), tokens, receivers' URL, audit. */
export const WebhookRepairEnvSchema = RecordEnvSchema.extend(IntegrationEnvSchema.shape).extend({
  [ENV.webhookBaseUrl]: z.url('must be a URL'),
  [ENV.auditTableName]: nonEmpty,
});
