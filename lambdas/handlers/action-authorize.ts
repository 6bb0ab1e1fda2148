import { awsAuthorizeDeps } from '#lambdas/composition/aws-policy.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createAuthorizeStep } from '#lambdas/functions/action-steps.js';

export const handler = instrumentFor(
  'action-authorize',
  process.env,
  createAuthorizeStep(awsAuthorizeDeps(process.env)),
);
