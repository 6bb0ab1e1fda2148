import { AsanaSdkWebhooks } from '#adapters/asana/asana-webhooks.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { createAsanaWebhook } from '#lambdas/app/webhooks/create-asana-webhook.js';
import type { LocalStack } from './runtime.js';

/**
 * Creates the demo project's Asana webhook through the same handshake as the console's "Set up
 * Asana webhooks", and records it so the webhooks page shows it. Throws with Asana's message.
 */
export async function setUpAsanaWebhook(input: {
  stack: LocalStack;
  projectId: string;
  asanaApiUrl: string;
  token: string;
  resourceGid: string;
  targetUrl: string;
}): Promise<{ webhookGid: string }> {
  const { stack, projectId } = input;
  const asana = new AsanaSdkWebhooks({
    client: createAsanaClient({ token: input.token, basePath: input.asanaApiUrl }),
  });
  const now = new Date();
  const webhook = await createAsanaWebhook(
    { projectId, resourceGid: input.resourceGid, target: input.targetUrl, now },
    { asana, handshakes: stack.stores.handshakes },
  );
  await stack.stores.asanaWebhooks.putAsanaWebhook(projectId, {
    asanaProjectGid: input.resourceGid,
    webhookGid: webhook.gid,
    target: input.targetUrl,
    createdAt: now.toISOString(),
  });
  return { webhookGid: webhook.gid };
}
