import { createHmac } from 'node:crypto';
import type { Scheduler } from './scheduler.js';
import type { DeliveryRecord } from './state.js';
import type { SandboxStore } from './store.js';
import type { DeliveryPlan, WebhookFaults } from './webhook-faults.js';

/** One webhook to deliver (already signed); retried on 5xx and network errors. */
export interface OutboundDelivery {
  service: DeliveryRecord['service'];
  event: string;
  hookId: string;
  target: string;
  deliveryId: string;
  headers: Record<string, string>;
  body: string;
  /** What it is about (`issues.opened acme/web#3`): fault draws depend on it, so a seeded run repeats. */
  subject?: string;
  /** Which copy, when fault injection duplicated it. */
  copy?: number;
  /** Set on a redelivery asked for through the API (a serial, unique per request). */
  redeliveryId?: number;
  /** Called after every attempt (hooks keep their last response). */
  onAttempt?: (result: AttemptResult) => void;
}

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  final: boolean;
}

export interface WebhookSenderOptions {
  /** Delays before each retry; its length is the number of retries. */
  retryDelaysMs: number[];
  timeoutMs: number;
  /** Delivery attempts kept in the state. @default 5000 */
  logSize?: number;
}

/** GitHub payloads kept in memory for redelivery (about 20 KB each). */
const KEPT_PAYLOADS = 1000;

const AS_IS: DeliveryPlan = { drop: null, delaysMs: [0], reorderWindowMs: 0 };
/** Gap between the deliveries of a reordered batch, so they arrive in the shuffled order. */
const REORDER_SPACING_MS = 2;

/** Hex HMAC-SHA256 of a raw body. */
export function hmacSha256Hex(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** `TypeError: fetch failed (ECONNREFUSED)`: the name, message and the cause's code when there is one. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return `${error.name}: ${error.message}${typeof code === 'string' ? ` (${code})` : ''}`;
}

/**
 * Delivers webhooks asynchronously, records every attempt, retries transient failures; with fault
 * injection, loses, duplicates, delays and reorders them as the chaos config draws.
 */
export class WebhookSender {
  private readonly abort = new AbortController();
  private busy = 0;
  private waiters: (() => void)[] = [];
  private held: Record<OutboundDelivery['service'], OutboundDelivery[]> = { github: [], asana: [] };
  /** GitHub deliveries by `${hookId}/${deliveryId}`, for redelivery (memory only, like the retries). */
  private readonly payloads = new Map<string, OutboundDelivery>();

  constructor(
    private readonly store: SandboxStore,
    private readonly scheduler: Scheduler,
    private readonly options: WebhookSenderOptions,
    private readonly faults?: WebhookFaults,
  ) {}

  /** Queues a delivery; never blocks the caller. */
  send(delivery: OutboundDelivery): void {
    if (delivery.service === 'github' && delivery.redeliveryId === undefined) this.keep(delivery);
    const plan = this.faults?.plan(delivery) ?? AS_IS;
    if (plan.drop) return this.lose(delivery, plan.drop);
    plan.delaysMs.forEach((delayMs, index) => {
      this.busy += 1;
      const copy = plan.delaysMs.length > 1 ? { ...delivery, copy: index + 1 } : delivery;
      const go = (): void => this.dispatch(copy, plan.reorderWindowMs);
      if (delayMs > 0) this.scheduler.later(go, delayMs);
      else go();
    });
  }

  /** The GitHub delivery kept for redelivery, if still kept. */
  kept(hookId: string, deliveryId: string): OutboundDelivery | undefined {
    return this.payloads.get(`${hookId}/${deliveryId}`);
  }

  /** Sends a GitHub delivery again, same payload and X-GitHub-Delivery; false when it is not kept. */
  redeliver(hookId: string, deliveryId: string, target: string): boolean {
    const stored = this.payloads.get(`${hookId}/${deliveryId}`);
    if (!stored) return false;
    const { copy: _copy, ...delivery } = stored;
    this.send({ ...delivery, target, redeliveryId: this.store.nextId() });
    return true;
  }

  /** Deliveries started but not finished (including those waiting for a retry). */
  pending(): number {
    return this.busy;
  }

  /** Resolves once no delivery is pending. */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Aborts requests in flight; retries, delayed and held deliveries are dropped with the scheduler's timers. */
  stop(): void {
    this.abort.abort();
    this.busy = 0;
    this.held = { github: [], asana: [] };
    this.release();
  }

  private keep(delivery: OutboundDelivery): void {
    this.payloads.set(`${delivery.hookId}/${delivery.deliveryId}`, delivery);
    const oldest = this.payloads.keys().next().value;
    if (this.payloads.size > KEPT_PAYLOADS && oldest !== undefined) this.payloads.delete(oldest);
  }

  /** Sends now, or holds the delivery with the others of the reordering window. */
  private dispatch(delivery: OutboundDelivery, windowMs: number): void {
    if (windowMs <= 0) return void this.attempt(delivery, 1);
    const batch = this.held[delivery.service];
    batch.push(delivery);
    if (batch.length === 1) this.scheduler.later(() => this.flush(delivery.service), windowMs);
  }

  private flush(service: OutboundDelivery['service']): void {
    const batch = this.held[service];
    this.held[service] = [];
    const order = this.faults?.order(service, batch.length) ?? batch.map((_, i) => i);
    order.forEach((index, position) => {
      const delivery = batch[index];
      if (delivery) this.scheduler.later(() => void this.attempt(delivery, 1), position * REORDER_SPACING_MS);
    });
  }

  /** A lost delivery: no request; unless silent, the sender sees it time out (no retry). */
  private lose(delivery: OutboundDelivery, as: NonNullable<DeliveryPlan['drop']>): void {
    if (as === 'silent') return;
    const error = 'timed out (lost by fault injection)';
    this.recordAttempt(delivery, { attempt: 1, ok: false, status: null, error, started: Date.now() });
    delivery.onAttempt?.({ ok: false, status: null, error, final: true });
  }

  private logSize(): number {
    return this.options.logSize ?? 5000;
  }

  private async attempt(delivery: OutboundDelivery, attempt: number): Promise<void> {
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.target, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = describeError(e);
    }
    if (this.abort.signal.aborted) return;
    const ok = status !== null && status >= 200 && status < 300;
    const retryable = !ok && (status === null || status >= 500);
    const final = ok || !retryable || attempt > this.options.retryDelaysMs.length;
    this.recordAttempt(delivery, { attempt, ok, status, error, started });
    delivery.onAttempt?.({ ok, status, error, final });
    if (final) return this.done();
    this.scheduler.later(
      () => void this.attempt(delivery, attempt + 1),
      this.options.retryDelaysMs[attempt - 1] ?? 0,
    );
  }

  /** Records one attempt (also used for Asana handshakes, which are synchronous). */
  recordAttempt(
    delivery: Pick<
      OutboundDelivery,
      'service' | 'event' | 'hookId' | 'target' | 'deliveryId' | 'copy' | 'redeliveryId'
    >,
    r: { attempt: number; ok: boolean; status: number | null; error: string | null; started: number },
  ): void {
    const suffix = `${delivery.copy ? `.c${delivery.copy}` : ''}${delivery.redeliveryId ? `.r${delivery.redeliveryId}` : ''}`;
    const record: DeliveryRecord = {
      id: `${delivery.deliveryId}${suffix}#${r.attempt}`,
      deliveryId: delivery.deliveryId,
      service: delivery.service,
      event: delivery.event,
      hookId: delivery.hookId,
      target: delivery.target,
      attempt: r.attempt,
      ok: r.ok,
      status: r.status,
      error: r.error,
      at: new Date(r.started).toISOString(),
      durationMs: Date.now() - r.started,
      ...(delivery.copy ? { copy: delivery.copy } : {}),
      ...(delivery.redeliveryId !== undefined || r.attempt > 1 ? { redelivery: true } : {}),
      ...(delivery.service === 'github' ? { githubId: this.store.nextId() } : {}),
    };
    const deliveries = this.store.data.deliveries;
    deliveries.push(record);
    if (deliveries.length > this.logSize()) deliveries.splice(0, deliveries.length - this.logSize());
    this.store.touch();
  }

  private done(): void {
    this.busy = Math.max(0, this.busy - 1);
    if (this.busy === 0) this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
