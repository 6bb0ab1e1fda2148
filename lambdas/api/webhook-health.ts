import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DeliveryOutcome, WebhookHealthDay, WebhookHealthStore } from '#lambdas/console-ports.js';
import type { Clock, Logger } from '#lambdas/ports.js';

type Receiver = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** What a receiver's answer says about a delivery (undefined: not one of a known project's). */
export function deliveryOutcome(status: number, body: string | undefined): DeliveryOutcome | undefined {
  if (status === 404) return undefined;
  if (status === 401 || status === 403) return 'rejected_signature';
  if (status >= 200 && status < 300) {
    if (body?.includes('"duplicate"')) return 'duplicate';
    if (body?.includes('"ignored"')) return 'ignored';
    return 'accepted';
  }
  return 'failed';
}

/**
 * Wraps a webhook receiver so every delivery to a known project is counted for the console's
 * webhooks page (last delivery, failures, rejected signatures). Counting never fails a delivery.
 */
export function observeDeliveries(
  receiver: Receiver,
  deps: { health: WebhookHealthStore; source: 'github' | 'asana'; clock: Clock; logger: Logger },
): Receiver {
  return async (event) => {
    let res: APIGatewayProxyStructuredResultV2 | undefined;
    try {
      res = await receiver(event);
      return res;
    } finally {
      const projectId = event.pathParameters?.projectId;
      const outcome = deliveryOutcome(res?.statusCode ?? 500, res?.body);
      if (projectId && outcome && /^[A-Za-z0-9_-]{1,64}$/.test(projectId))
        await deps.health
          .record(projectId, deps.source, outcome, deps.clock.now())
          .catch((error: unknown) =>
            deps.logger.warn('webhook health not recorded', { error: String(error) }),
          );
    }
  };
}

/** Totals over the days of one source, and the latest of each timestamp. */
export function summariseWebhookHealth(days: WebhookHealthDay[]) {
  const totals: Partial<Record<DeliveryOutcome, number>> = {};
  for (const day of days)
    for (const [outcome, n] of Object.entries(day.counts) as [DeliveryOutcome, number][])
      totals[outcome] = (totals[outcome] ?? 0) + n;
  const latest = (pick: (d: WebhookHealthDay) => string | undefined) =>
    days
      .map(pick)
      .filter((x): x is string => x !== undefined)
      .sort()
      .at(-1) ?? null;
  const lastDeliveryAt = latest((d) => d.lastDeliveryAt);
  return {
    totals,
    lastDeliveryAt,
    lastOutcome: days.find((d) => d.lastDeliveryAt === lastDeliveryAt)?.lastOutcome ?? null,
    lastRejectedAt: latest((d) => d.lastRejectedAt),
    lastFailureAt: latest((d) => d.lastFailureAt),
  };
}

/** Seven days of delivery health per source, as the webhooks page and the analytics API show it. */
export async function webhookHealthOf(store: WebhookHealthStore, projectId: string, now: Date, days = 7) {
  const recent = await store.recent(projectId, days, now);
  return {
    days,
    github: summariseWebhookHealth(recent.filter((d) => d.source === 'github')),
    asana: summariseWebhookHealth(recent.filter((d) => d.source === 'asana')),
  };
}
