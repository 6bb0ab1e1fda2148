import { awsExecuteDeps } from '#lambdas/composition/aws-policy.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createExecuteStep } from '#lambdas/functions/action-steps.js';

export const handler = instrumentFor(
  'action-execute',
  process.env,
  createExecuteStep(awsExecuteDeps(process.env)),
);
