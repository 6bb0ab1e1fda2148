import { awsReceiverDeps } from '#lambdas/composition/aws-receivers.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';

export const handler = instrumentFor(
  'asana-receiver',
  process.env,
  createAsanaReceiver(awsReceiverDeps('asana-receiver', process.env)),
);
