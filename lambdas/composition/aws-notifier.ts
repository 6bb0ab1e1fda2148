import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBNotificationLog } from '#adapters/aws/dynamodb-notification-log.js';
import { ENV } from '#adapters/aws/schema.js';
import { secretsManagerAlertTarget } from '#adapters/aws/secrets-manager-alert-target.js';
import { systemClock } from '#adapters/system.js';
import { WebhookAlertChannel } from '#adapters/webhook-alert-channel.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import { NOTIFIER_ENV, NotifierEnvSchema } from '#lambdas/config/notifier-env.js';
import type { NotifierDeps } from '#lambdas/functions/notifier.js';
import { createDocumentClient, createLogger, getTracer } from './aws-clients.js';

/** The alarm notifier on AWS. */
export function awsNotifierDeps(env: Record<string, string | undefined>): NotifierDeps {
  const config = loadConfig(NotifierEnvSchema, env);
  const secrets = getTracer().captureAWSv3Client(new SecretsManagerClient({ region: config.AWS_REGION }));
  return {
    log: new DynamoDBNotificationLog({
      client: createDocumentClient(config.AWS_REGION),
      tableName: config[NOTIFIER_ENV.tableName],
    }),
    channel: new WebhookAlertChannel({
      target: secretsManagerAlertTarget({
        client: secrets,
        secretId: config[NOTIFIER_ENV.secretArn],
        clock: systemClock,
      }),
    }),
    clock: systemClock,
    logger: createLogger('notifier'),
    stage: config[ENV.stage],
    cooldownMs: config[NOTIFIER_ENV.cooldownMinutes] * 60_000,
  };
}
