import { awsFindStuckDeps } from '#lambdas/composition/aws-reconcile.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createFindStuckStep } from '#lambdas/functions/reconcile-steps.js';

export const handler = instrumentFor(
  'reconcile-find-stuck',
  process.env,
  createFindStuckStep(awsFindStuckDeps(process.env)),
);
