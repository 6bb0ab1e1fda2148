import { awsRecordDeps } from '#lambdas/composition/aws-pipeline.js';
import { createRecordStep } from '#lambdas/functions/action-steps.js';

export const handler = createRecordStep(awsRecordDeps(process.env));
