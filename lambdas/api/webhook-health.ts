import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DeliveryOutcome, WebhookHealthStore } from '#lambdas/console-ports.js';
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
