import { observeDeliveries } from '#lambdas/api/webhook-health.js';
import { awsReceiverDeps } from '#lambdas/composition/aws-receivers.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';

const deps = awsReceiverDeps('github-receiver', process.env);

export const handler = instrumentFor(
  'github-receiver',
  process.env,
  observeDeliveries(createGithubReceiver(deps), { ...deps, source: 'github' }),
);
