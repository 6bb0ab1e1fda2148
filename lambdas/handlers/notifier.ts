import { awsNotifierDeps } from '#lambdas/composition/aws-notifier.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createNotifier } from '#lambdas/functions/notifier.js';

export const handler = instrumentFor('notifier', process.env, createNotifier(awsNotifierDeps(process.env)));
