import { awsEvaluateDeps } from '#lambdas/composition/aws-pipeline.js';
import { createEvaluateStep } from '#lambdas/functions/action-steps.js';

export const handler = createEvaluateStep(awsEvaluateDeps(process.env));
