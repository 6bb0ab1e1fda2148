import type {
  Clock,
  DeliveryLog,
  IngestQueue,
  Logger,
  ProjectStore,
  WebhookSecrets,
} from '#lambdas/ports.js';
import type { IngestMessage } from '#core/events.js';

/** What both webhook receivers need. */
export interface ReceiverDeps {
  projects: ProjectStore;
  secrets: WebhookSecrets;
  deliveries: DeliveryLog;
  queue: IngestQueue;
  clock: Clock;
  logger: Logger;
  /** Largest body accepted, in bytes. @default 1 MiB */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** True when the path parameter can be a project id at all (cheap check before any lookup). */
export function isProjectId(value: string | undefined): value is string {
  return value !== undefined && PROJECT_ID.test(value);
}

/**
 * Dedupes then enqueues one message. If enqueueing fails, the delivery is forgotten again so the
 * sender's retry is accepted rather than dropped as a duplicate.
 * @returns false when the delivery was seen before.
 */
export async function acceptOnce(deps: ReceiverDeps, message: IngestMessage): Promise<boolean> {
  const fresh = await deps.deliveries.recordDelivery(message.projectId, message.deliveryId, deps.clock.now());
  if (!fresh) return false;
  try {
    await deps.queue.send(message);
  } catch (error) {
    await deps.deliveries.forgetDelivery(message.projectId, message.deliveryId);
    throw error;
  }
  return true;
}
