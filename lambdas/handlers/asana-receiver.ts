import { awsReceiverDeps } from '#lambdas/composition/aws-receivers.js';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';

export const handler = createAsanaReceiver(awsReceiverDeps('asana-receiver', process.env));
