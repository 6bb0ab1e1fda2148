import { awsEvaluateDeps } from '#lambdas/composition/aws-policy.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createEvaluateStep } from '#lambdas/functions/action-steps.js';

export const handler = instrumentFor(
  'action-evaluate',
  process.env,
  createEvaluateStep(awsEvaluateDeps(process.env)),
);
