import { createHmac } from 'node:crypto';
import type { Scheduler } from './scheduler.js';
import type { DeliveryRecord } from './state.js';
import type { SandboxStore } from './store.js';

/** One webhook to deliver (already signed); retried on 5xx and network errors. */
export interface OutboundDelivery {
  service: DeliveryRecord['service'];
  event: string;
  hookId: string;
  target: string;
  deliveryId: string;
  headers: Record<string, string>;
  body: string;
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
}

/** Delivery attempts kept in the state (older ones are dropped). */
const MAX_DELIVERIES = 1000;

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

/** Delivers webhooks asynchronously, records every attempt, retries transient failures. */
export class WebhookSender {
  private readonly abort = new AbortController();
  private busy = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly store: SandboxStore,
    private readonly scheduler: Scheduler,
    private readonly options: WebhookSenderOptions,
  ) {}

  /** Queues a delivery; never blocks the caller. */
  send(delivery: OutboundDelivery): void {
    this.busy += 1;
    void this.attempt(delivery, 1);
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

  /** Aborts requests in flight; retries are dropped with the scheduler's timers. */
  stop(): void {
    this.abort.abort();
    this.busy = 0;
    this.release();
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
    delivery: Pick<OutboundDelivery, 'service' | 'event' | 'hookId' | 'target' | 'deliveryId'>,
    r: { attempt: number; ok: boolean; status: number | null; error: string | null; started: number },
  ): void {
    const record: DeliveryRecord = {
      id: `${delivery.deliveryId}#${r.attempt}`,
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
    };
    const deliveries = this.store.data.deliveries;
    deliveries.push(record);
    if (deliveries.length > MAX_DELIVERIES) deliveries.splice(0, deliveries.length - MAX_DELIVERIES);
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
