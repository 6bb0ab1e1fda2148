import { awsWorkerDeps } from '#lambdas/composition/aws-pipeline.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createWorker } from '#lambdas/functions/worker.js';

export const handler = instrumentFor('worker', process.env, createWorker(awsWorkerDeps(process.env)));
