import { z } from 'zod';
import { ENV } from '#adapters/aws/schema.js';

/** Variables of the alarm notifier (set by `lib/constructs/notifier.ts`). */
export const NOTIFIER_ENV = {
  tableName: 'NOTIFICATION_TABLE_NAME',
  secretArn: 'ALERT_WEBHOOK_SECRET_ARN',
  cooldownMinutes: 'ALERT_COOLDOWN_MINUTES',
} as const;

const nonEmpty = z.string().min(1, 'must not be empty');

export const NotifierEnvSchema = z.object({
  [ENV.stage]: nonEmpty,
  AWS_REGION: nonEmpty,
  [NOTIFIER_ENV.tableName]: nonEmpty,
  [NOTIFIER_ENV.secretArn]: z.string().startsWith('arn:', 'must be an ARN'),
  [NOTIFIER_ENV.cooldownMinutes]: z.coerce.number().int().positive().default(15),
});
