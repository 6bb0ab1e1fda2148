import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  CreateSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { IntegrationTokens, WebhookSecrets } from '#lambdas/ports.js';

const PairSchema = z.object({ github: z.string().optional(), asana: z.string().optional() });
type Pair = z.infer<typeof PairSchema>;

/** Secret names per project: webhook secrets and integration tokens are separate, so grants can differ. */
export const secretNames = (prefix: string, projectId: string) => ({
  webhooks: `${prefix}/projects/${projectId}/webhooks`,
  tokens: `${prefix}/projects/${projectId}/tokens`,
});

async function readPair(client: SecretsManagerClient, secretId: string): Promise<Pair> {
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return PairSchema.parse(JSON.parse(out.SecretString ?? '{}'));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return {};
    throw error;
  }
}

/** Webhook secrets in AWS Secrets Manager (one JSON secret per project). */
export class SecretsManagerWebhookSecrets implements WebhookSecrets {
  constructor(private readonly options: { client: SecretsManagerClient; prefix: string }) {}

  get(projectId: string): Promise<Pair> {
    return readPair(this.options.client, secretNames(this.options.prefix, projectId).webhooks);
  }

  async putAsana(projectId: string, secret: string): Promise<void> {
    const { client, prefix } = this.options;
    const secretId = secretNames(prefix, projectId).webhooks;
    const current = await readPair(client, secretId);
    const value = JSON.stringify({ ...current, asana: secret });
    try {
      await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
    }
  }
}

/** Integration tokens in AWS Secrets Manager (one JSON secret per project). */
export class SecretsManagerIntegrationTokens implements IntegrationTokens {
  constructor(private readonly options: { client: SecretsManagerClient; prefix: string }) {}

  get(projectId: string): Promise<Pair> {
    return readPair(this.options.client, secretNames(this.options.prefix, projectId).tokens);
  }
}
