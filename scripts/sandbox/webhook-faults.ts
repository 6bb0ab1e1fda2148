import type { FaultLog } from './fault-log.js';
import type { WebhookFaults as WebhookFaultRules } from './fault-schemas.js';
import { Occurrences, seededFraction, seededPermutation } from './seeded.js';
import type { SandboxStore } from './store.js';
import type { OutboundDelivery } from './webhook-sender.js';

/** What becomes of one delivery: lost, or sent once or more, each copy after its own delay. */
export interface DeliveryPlan {
  drop: WebhookFaultRules['dropAs'] | null;
  delaysMs: number[];
  reorderWindowMs: number;
}

const AS_IS: DeliveryPlan = { drop: null, delaysMs: [0], reorderWindowMs: 0 };

/** Webhook faults from the chaos config: each decision is drawn from the seed and the delivery's subject. */
export class WebhookFaults {
  private readonly deliveries = new Occurrences();
  private batches = 0;

  constructor(
    private readonly store: SandboxStore,
    private readonly log: FaultLog,
  ) {}

  /** Forgets how often each subject was seen (when the config changes). */
  reset(): void {
    this.deliveries.reset();
    this.batches = 0;
  }

  /** Decides, and records, what happens to a delivery. */
  plan(delivery: OutboundDelivery): DeliveryPlan {
    const config = this.store.data.faults.config;
    const rules = config?.webhooks[delivery.service];
    if (!config || !rules || !selected(rules.events, delivery.event)) return AS_IS;
    // The target, not the hook id: ids depend on what else was created, targets do not.
    const key = `${delivery.service}|${delivery.target}|${delivery.subject ?? delivery.deliveryId}`;
    const n = this.deliveries.next(key);
    const draw = (...what: (string | number)[]): number =>
      seededFraction(config.seed, 'webhook', key, n, ...what);
    const fault = {
      service: delivery.service,
      source: 'rate' as const,
      event: delivery.event,
      hookId: delivery.hookId,
      deliveryId: delivery.deliveryId,
    };
    if (draw('drop') < rules.drop) {
      this.log.record({ ...fault, kind: 'webhook.dropped' });
      return { drop: rules.dropAs, delaysMs: [], reorderWindowMs: 0 };
    }
    const copies = draw('duplicate') < rules.duplicate ? rules.copies : 1;
    if (copies > 1) this.log.record({ ...fault, kind: 'webhook.duplicated', count: copies });
    const [min, max] = rules.delayMs;
    const delaysMs = Array.from({ length: copies }, (_, copy) => {
      if (draw('delay', copy) >= rules.delay) return 0;
      const delayMs = min + Math.floor(draw('delay-ms', copy) * (max - min + 1));
      this.log.record({ ...fault, kind: 'webhook.delayed', delayMs });
      return delayMs;
    });
    return { drop: null, delaysMs, reorderWindowMs: rules.reorderWindowMs };
  }

  /** The order in which to send a batch held for reordering (recorded when there was something to reorder). */
  order(service: OutboundDelivery['service'], size: number): number[] {
    this.batches += 1;
    if (size > 1) this.log.record({ service, kind: 'webhook.reordered', source: 'rate', count: size });
    return seededPermutation(
      size,
      this.store.data.faults.config?.seed ?? 0,
      'reorder',
      service,
      this.batches,
    );
  }

  /** Asana's rule: delete a webhook after this many failed deliveries in a row (undefined: never). */
  deleteAfterFailures(): number | undefined {
    return this.store.data.faults.config?.webhooks.asana?.deleteAfterFailures;
  }
}

/** True when `event` (`issues.opened`) is one of `events` (`issues` or `issues.opened`), or no list is given. */
function selected(events: string[] | undefined, event: string): boolean {
  return !events || events.some((e) => event === e || event.startsWith(`${e}.`));
}
