import { observeDeliveries } from '#lambdas/api/webhook-health.js';
import { awsReceiverDeps } from '#lambdas/composition/aws-receivers.js';
import { instrumentFor } from '#lambdas/composition/instrument.js';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';

const deps = awsReceiverDeps('asana-receiver', process.env);

export const handler = instrumentFor(
  'asana-receiver',
  process.env,
  observeDeliveries(createAsanaReceiver(deps), { ...deps, source: 'asana' }),
);
