import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

/** The deployment stages Auto-Flow ships; each is a CDK Stage with its own copy of everything. */
export const STAGE_NAMES = ['staging', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * A custom domain for the console (and so for /api and /webhooks). CloudFront only takes certificates
 * from ACM in us-east-1, whatever region the stage runs in; DNS (a CNAME or alias to the distribution)
 * stays with whoever owns the zone, so no hosted zone is required.
 */
export const DomainSchema = z.object({
  name: z
    .string()
    .toLowerCase()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'must be a DNS name, e.g. autoflow.example.com',
    ),
  certificateArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
      'must be an ACM certificate ARN in us-east-1 (CloudFront reads certificates only there)',
    ),
});
export type Domain = z.infer<typeof DomainSchema>;

/** Everything a stage varies on, validated once in `bin/` and passed down unchanged. */
export const StageConfigSchema = z.object({
  stageName: z.enum(STAGE_NAMES),
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region, e.g. eu-west-1'),
  /** Retain and deletion-protect stateful resources (table, key, queues). */
  retainData: z.boolean(),
  /** Retention of every log group the stage creates. */
  logRetention: z.enum(RetentionDays),
  /** Steady-state and burst request limits of the webhook API's default stage. */
  webhookThrottle: z.object({
    rateLimit: z.number().int().positive(),
    burstLimit: z.number().int().positive(),
  }),
  /** The console's own domain name and its ACM certificate; the *.cloudfront.net name without it. */
  domain: DomainSchema.optional(),
});
export type StageConfig = z.infer<typeof StageConfigSchema>;

/** Per-stage policy: Prod keeps its data and its logs for a year; Staging can be torn down. */
export const STAGE_DEFAULTS: Record<StageName, Omit<StageConfig, 'stageName' | 'account' | 'region'>> = {
  staging: {
    retainData: false,
    logRetention: RetentionDays.ONE_MONTH,
    webhookThrottle: { rateLimit: 20, burstLimit: 40 },
  },
  prod: {
    retainData: true,
    logRetention: RetentionDays.ONE_YEAR,
    webhookThrottle: { rateLimit: 50, burstLimit: 100 },
  },
};

/** Builds a validated stage config from its name and environment; throws naming every bad field. */
export function createStageConfig(
  stageName: StageName,
  env: { account: string; region: string },
  domain?: { name?: string | undefined; certificateArn?: string | undefined },
): StageConfig {
  const result = StageConfigSchema.safeParse({
    stageName,
    ...env,
    ...STAGE_DEFAULTS[stageName],
    ...(domain?.name || domain?.certificateArn ? { domain } : {}),
  });
  if (!result.success)
    throw new Error(`Invalid ${stageName} stage config:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** The Secrets Manager name prefix of a stage (see `secretNames` in the Secrets Manager adapter). */
export const secretPrefixOf = (stageName: StageName): string => `autoflow/${stageName}`;
