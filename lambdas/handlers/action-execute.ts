import { awsExecuteDeps } from '#lambdas/composition/aws-pipeline.js';
import { createExecuteStep } from '#lambdas/functions/action-steps.js';

export const handler = createExecuteStep(awsExecuteDeps(process.env));
