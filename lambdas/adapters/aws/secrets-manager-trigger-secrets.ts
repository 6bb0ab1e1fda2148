import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { TriggerSecrets } from '#lambdas/ports.js';

const TriggerSecretMapSchema = z.record(z.string(), z.string());

/**
 * The secret name of a project's trigger secrets. It extends the `tokens` name on purpose: the
 * grants on `{prefix}/projects/*\/tokens*` already give Execute (read) and the console API (write)
 * exactly the access trigger secrets need, and nobody else.
 */
export function triggerSecretName(prefix: string, projectId: string): string {
  return `${prefix}/projects/${projectId}/tokens-triggers`;
}

/** Per-trigger secrets in AWS Secrets Manager: one JSON map (trigger id → secret) per project. */
export class SecretsManagerTriggerSecrets implements TriggerSecrets {
  constructor(private readonly options: { client: SecretsManagerClient; prefix: string }) {}

  async get(projectId: string, triggerId: string): Promise<string | undefined> {
    return (await this.#read(projectId))[triggerId];
  }

  async has(projectId: string, triggerId: string): Promise<boolean> {
    return (await this.get(projectId, triggerId)) !== undefined;
  }

  async put(projectId: string, triggerId: string, secret: string): Promise<void> {
    const secretId = triggerSecretName(this.options.prefix, projectId);
    const value = JSON.stringify({ ...(await this.#read(projectId)), [triggerId]: secret });
    try {
      await this.options.client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await this.options.client.send(new CreateSecretCommand({ Name: secretId, SecretString: value }));
    }
  }

  async #read(projectId: string): Promise<Record<string, string>> {
    const secretId = triggerSecretName(this.options.prefix, projectId);
    try {
      const out = await this.options.client.send(new GetSecretValueCommand({ SecretId: secretId }));
      return TriggerSecretMapSchema.parse(JSON.parse(out.SecretString ?? '{}'));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return {};
      throw error;
    }
  }
}
