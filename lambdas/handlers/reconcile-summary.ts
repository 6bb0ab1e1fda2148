import { awsSummaryDeps } from '#lambdas/composition/aws-reconcile.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createSummaryStep } from '#lambdas/functions/reconcile-steps.js';

export const handler = instrumentFor('reconcile-summary', process.env, createSummaryStep(awsSummaryDeps()));
