import { awsRecordDeps } from '#lambdas/composition/aws-pipeline.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createRecordStep } from '#lambdas/functions/action-steps.js';

export const handler = instrumentFor(
  'action-record',
  process.env,
  createRecordStep(awsRecordDeps(process.env)),
);
