import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDeliveryLog } from '#adapters/aws/dynamodb-delivery-log.js';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { ENV } from '#adapters/aws/schema.js';
import { SecretsManagerWebhookSecrets } from '#adapters/aws/secrets-manager-secrets.js';
import { SqsIngestQueue } from '#adapters/aws/sqs-ingest-queue.js';
import { CachedWebhookSecrets } from '#adapters/cached-webhook-secrets.js';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { systemClock } from '#adapters/system.js';
import { ReceiverEnvSchema } from '#lambdas/config/aws-env.js';
import { loadConfig } from '#lambdas/config/load-config.js';
import type { WebhookHealthStore } from '#lambdas/console-ports.js';
import type { AsanaReceiverDeps } from '#lambdas/functions/asana-receiver.js';
import { createDocumentClient, createLogger } from './aws-clients.js';

/** What both receivers need, plus the delivery counters of the console's webhooks page. */
export interface AwsReceiverDeps extends AsanaReceiverDeps {
  readonly health: WebhookHealthStore;
}

/** Dependencies of both receivers on AWS, built once per container. */
export function awsReceiverDeps(
  serviceName: string,
  env: Record<string, string | undefined>,
): AwsReceiverDeps {
  const config = loadConfig(ReceiverEnvSchema, env);
  const region = config.AWS_REGION;
  const doc = createDocumentClient(region);
  const tableName = config[ENV.tableName];
  return {
    projects: new CachedProjectStore({
      inner: new DynamoDBProjectStore({ client: doc, tableName }),
      clock: systemClock,
    }),
    deliveries: new DynamoDBDeliveryLog({ client: doc, tableName }),
    handshakes: new DynamoDBHandshakeStore({ client: doc, tableName }),
    health: new DynamoDBWebhookHealthStore({ client: doc, tableName }),
    queue: new SqsIngestQueue({ client: new SQSClient({ region }), queueUrl: config[ENV.queueUrl] }),
    secrets: new CachedWebhookSecrets({
      inner: new SecretsManagerWebhookSecrets({
        client: new SecretsManagerClient({ region }),
        prefix: config[ENV.secretPrefix],
      }),
      clock: systemClock,
    }),
    clock: systemClock,
    logger: createLogger(serviceName),
  };
}
