import type { LocalStack } from './runtime.js';

/**
 * Creates an Asana webhook the way Asana requires: Auto-Flow opens a short handshake window, asks
 * Asana to create the webhook, Asana calls the receiver with X-Hook-Secret, and the receiver (inside
 * the window) stores and echoes it. Throws with Asana's message when creation fails.
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
  await stack.stores.handshakes.open(projectId, new Date(Date.now() + 60_000));
  const res = await fetch(`${input.asanaApiUrl}/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${input.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { resource: input.resourceGid, target: input.targetUrl } }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    data?: { gid?: string };
    errors?: { message?: string }[];
  };
  if (!res.ok || !body.data?.gid) {
    throw new Error(
      `Asana refused the webhook (${res.status}): ${body.errors?.map((e) => e.message).join('; ') ?? 'no details'}`,
    );
  }
  return { webhookGid: body.data.gid };
}
