import { awsApprovalDeps } from '#lambdas/composition/aws-policy.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createApprovalStep } from '#lambdas/functions/action-steps.js';

export const handler = instrumentFor(
  'action-approval',
  process.env,
  createApprovalStep(awsApprovalDeps(process.env)),
);
