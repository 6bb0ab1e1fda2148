import type { AsanaWebhook, AsanaWebhooks } from '#lambdas/console-ports.js';
import type { HandshakeStore } from '#lambdas/ports.js';

/** How long the receiver accepts an X-Hook-Secret after Auto-Flow asks Asana for a webhook. */
export const HANDSHAKE_WINDOW_MS = 60_000;

/**
 * Creates an Asana webhook the way Asana requires: Auto-Flow opens a short handshake window, asks
 * Asana to create the webhook, Asana calls the receiver with X-Hook-Secret, and the receiver (inside
 * the window) stores and echoes it. Asana answers only after the handshake, so the window is spent
 * by then. Integration errors carry Asana's message.
 */
export async function createAsanaWebhook(
  input: { projectId: string; resourceGid: string; target: string; now: Date },
  deps: { asana: AsanaWebhooks; handshakes: HandshakeStore },
): Promise<AsanaWebhook> {
  await deps.handshakes.open(input.projectId, new Date(input.now.getTime() + HANDSHAKE_WINDOW_MS));
  return deps.asana.createWebhook(input.resourceGid, input.target);
}
