import { awsWorkerDeps } from '#lambdas/composition/aws-pipeline.js';
import { createWorker } from '#lambdas/functions/worker.js';

export const handler = createWorker(awsWorkerDeps(process.env));
