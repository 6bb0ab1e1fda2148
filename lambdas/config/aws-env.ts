import { z } from 'zod';
import { ENV } from '#adapters/aws/schema.js';

const nonEmpty = z.string().min(1, 'must not be empty');

/** Variables every function reads (set by CDK). */
export const CommonEnvSchema = z.object({
  [ENV.tableName]: nonEmpty,
  [ENV.stage]: nonEmpty,
  AWS_REGION: nonEmpty,
});

/** Receivers: they also enqueue and read webhook secrets. */
export const ReceiverEnvSchema = CommonEnvSchema.extend({
  [ENV.queueUrl]: z.url('must be a URL'),
  [ENV.secretPrefix]: nonEmpty,
});

/** Worker and Record: they also start action executions. */
export const WorkflowEnvSchema = CommonEnvSchema.extend({
  [ENV.actionStateMachineArn]: z.string().startsWith('arn:', 'must be an ARN'),
  [ENV.secretPrefix]: nonEmpty,
  [ENV.githubApiUrl]: z.url().optional(),
  [ENV.asanaApiUrl]: z.url().optional(),
});

/** Execute: it reads integration tokens. */
export const ExecuteEnvSchema = CommonEnvSchema.extend({
  [ENV.secretPrefix]: nonEmpty,
  [ENV.githubApiUrl]: z.url().optional(),
  [ENV.asanaApiUrl]: z.url().optional(),
});
