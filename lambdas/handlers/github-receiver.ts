import { awsReceiverDeps } from '#lambdas/composition/aws-receivers.js';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';

export const handler = createGithubReceiver(awsReceiverDeps('github-receiver', process.env));
