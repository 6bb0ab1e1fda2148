import { awsReceiverDeps } from '#lambdas/composition/aws-receivers.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';

export const handler = instrumentFor(
  'github-receiver',
  process.env,
  createGithubReceiver(awsReceiverDeps('github-receiver', process.env)),
);
