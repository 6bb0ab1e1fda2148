import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AlertTargetSchema, type AlertTarget } from '#adapters/webhook-alert-channel.js';
import type { Clock } from '#lambdas/ports.js';

export interface SecretsManagerAlertTargetOptions {
  readonly client: SecretsManagerClient;
  readonly secretId: string;
  readonly clock: Clock;
  /** @default 300000 (5 minutes): a rotated webhook is picked up within this */
  readonly ttlMs?: number;
}

/** The alert webhook held in Secrets Manager as `{"kind":"slack","url":…}` or `{"kind":"telegram","botToken":…,"chatId":…}`, cached. */
export function secretsManagerAlertTarget(
  options: SecretsManagerAlertTargetOptions,
): () => Promise<AlertTarget> {
  let cached: { target: AlertTarget; until: number } | undefined;
  return async () => {
    const now = options.clock.now().getTime();
    if (cached && now < cached.until) return cached.target;
    const out = await options.client.send(new GetSecretValueCommand({ SecretId: options.secretId }));
    const target = AlertTargetSchema.parse(JSON.parse(out.SecretString ?? 'null'));
    cached = { target, until: now + (options.ttlMs ?? 300_000) };
    return target;
  };
}
