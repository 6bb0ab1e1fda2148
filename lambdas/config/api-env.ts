import { z } from 'zod';
import { ENV } from '#adapters/aws/schema.js';

/** Variables only the API function reads (set by CDK). */
export const API_ENV = {
  /** The console's public origin (CloudFront), e.g. https://console.example.com: CSRF origin and links. */
  publicUrl: 'PUBLIC_URL',
  /** Secrets Manager id of the first-admin token (a plain string secret). */
  initAdminTokenSecretId: 'INIT_ADMIN_TOKEN_SECRET_ID',
  /** The ingest queue and its DLQ, for inspecting and redriving dead letters. */
  ingestQueueUrl: 'INGEST_QUEUE_URL',
  ingestQueueArn: 'INGEST_QUEUE_ARN',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  deadLetterQueueArn: 'DEAD_LETTER_QUEUE_ARN',
} as const;

const nonEmpty = z.string().min(1, 'must not be empty');

/** The API function: table, action machine (task commands start effects), secrets, console origin. */
export const ApiFunctionEnvSchema = z.object({
  [ENV.stage]: nonEmpty,
  AWS_REGION: nonEmpty,
  [ENV.tableName]: nonEmpty,
  [ENV.auditTableName]: nonEmpty,
  [ENV.actionStateMachineArn]: z.string().startsWith('arn:', 'must be an ARN'),
  [ENV.secretPrefix]: nonEmpty,
  [ENV.asanaApiUrl]: z.url().optional(),
  [ENV.githubApiUrl]: z.url().optional(),
  [API_ENV.publicUrl]: z.url('must be a URL').transform((u) => u.replace(/\/+$/, '')),
  [API_ENV.initAdminTokenSecretId]: nonEmpty,
  [API_ENV.ingestQueueUrl]: z.url('must be a URL'),
  [API_ENV.ingestQueueArn]: z.string().startsWith('arn:', 'must be an ARN'),
  [API_ENV.deadLetterQueueUrl]: z.url('must be a URL'),
  [API_ENV.deadLetterQueueArn]: z.string().startsWith('arn:', 'must be an ARN'),
});
