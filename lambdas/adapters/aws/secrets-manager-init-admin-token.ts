import { createHash, timingSafeEqual } from 'node:crypto';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { InitAdminToken } from '#lambdas/console-ports.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The first-admin token, kept in Secrets Manager and read only when someone tries it. */
export class SecretsManagerInitAdminToken implements InitAdminToken {
  constructor(private readonly options: { client: SecretsManagerClient; secretId: string }) {}

  async verify(token: string): Promise<boolean> {
    let expected: string | undefined;
    try {
      const out = await this.options.client.send(
        new GetSecretValueCommand({ SecretId: this.options.secretId }),
      );
      expected = out.SecretString?.trim();
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
    if (!expected || expected.length < 16) return false;
    // Digests: a constant-time comparison whatever the lengths.
    return timingSafeEqual(digest(token), digest(expected));
  }
}
