import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { SecretName, SecretSettings, SecretStatus } from '#lambdas/console-ports.js';
import { secretNames } from './secrets-manager-secrets.js';

const PairSchema = z.object({ github: z.string().optional(), asana: z.string().optional() });
type Pair = z.infer<typeof PairSchema>;

/**
 * The console's view of a project's secrets in Secrets Manager (the same two JSON secrets the
 * pipeline reads): which are set, and writing new values. Values are never returned.
 */
export class SecretsManagerSecretSettings implements SecretSettings {
  constructor(private readonly options: { client: SecretsManagerClient; prefix: string }) {}

  async status(projectId: string): Promise<SecretStatus> {
    const names = secretNames(this.options.prefix, projectId);
    const [tokens, webhooks] = await Promise.all([this.#read(names.tokens), this.#read(names.webhooks)]);
    return {
      githubToken: Boolean(tokens.github),
      asanaToken: Boolean(tokens.asana),
      githubWebhookSecret: Boolean(webhooks.github),
      asanaWebhookSecret: Boolean(webhooks.asana),
    };
  }

  async update(projectId: string, change: Partial<Record<SecretName, string>>): Promise<void> {
    const names = secretNames(this.options.prefix, projectId);
    if (change.githubToken !== undefined || change.asanaToken !== undefined)
      await this.#merge(names.tokens, { github: change.githubToken, asana: change.asanaToken });
    if (change.githubWebhookSecret !== undefined || change.asanaWebhookSecret !== undefined)
      await this.#merge(names.webhooks, {
        github: change.githubWebhookSecret,
        asana: change.asanaWebhookSecret,
      });
  }

  async #read(secretId: string): Promise<Pair> {
    try {
      const out = await this.options.client.send(new GetSecretValueCommand({ SecretId: secretId }));
      return PairSchema.parse(JSON.parse(out.SecretString ?? '{}'));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return {};
      throw error;
    }
  }

  async #merge(secretId: string, change: Pair): Promise<void> {
    const current = await this.#read(secretId);
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    };
    const value = JSON.stringify(next);
    try {
      await this.options.client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await this.options.client.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
    }
  }
}
