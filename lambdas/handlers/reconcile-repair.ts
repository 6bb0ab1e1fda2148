import { awsRepairDeps } from '#lambdas/composition/aws-reconcile.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createRepairStep } from '#lambdas/functions/reconcile-steps.js';

export const handler = instrumentFor(
  'reconcile-repair',
  process.env,
  createRepairStep(awsRepairDeps(process.env)),
);
