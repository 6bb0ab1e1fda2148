import { awsRepairWebhooksDeps } from '#lambdas/composition/aws-reconcile.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createRepairWebhooksStep } from '#lambdas/functions/reconcile-steps.js';

export const handler = instrumentFor(
  'reconcile-webhooks',
  process.env,
  createRepairWebhooksStep(awsRepairWebhooksDeps(process.env)),
);
