import { randomUUID } from 'node:crypto';
import type { IngestMessage } from '#core/events.js';
import type { Clock, IngestQueue } from '#lambdas/ports.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** One stored message, as SQS keeps it. */
export interface QueuedMessage {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
}

interface QueueState {
  main: QueuedMessage[];
  dlq: QueuedMessage[];
  /** Lifetime counters, kept with the messages so they survive a restart. */
  stats?: QueueStats;
}

/** How many messages were ever sent, received again after a failed attempt, deleted after processing, and moved to the DLQ. */
export interface QueueStats {
  sent: number;
  /** Receives of a message already received before (its earlier attempt failed or crashed). */
  retried: number;
  deleted: number;
  deadLettered: number;
}

/** Options of the local queue. */
export interface LocalQueueOptions {
  /** JSON file holding the queue, so messages survive a restart; omit for memory only. */
  file?: string;
  clock: Clock;
  /** @default 60 */
  visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the DLQ. @default 3 */
  maxReceiveCount?: number;
}

/**
 * A queue with SQS semantics for the local runtime: at-least-once delivery, a visibility timeout,
 * a receive count, and a dead-letter queue after `maxReceiveCount` receives. Persisted on every change.
 */
export class LocalQueue implements IngestQueue {
  private readonly state: QueueState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: LocalQueueOptions) {
    this.state = options.file
      ? readJsonFile<QueueState>(options.file, { main: [], dlq: [] })
      : { main: [], dlq: [] };
    // After a restart nothing is in flight any more: messages become visible again (as SQS would, on timeout).
    const now = options.clock.now().getTime();
    for (const m of this.state.main) {
      if (m.receiptHandle === undefined) continue;
      delete m.receiptHandle;
      m.visibleAt = Math.min(m.visibleAt, now);
    }
  }

  async send(message: IngestMessage, options: { delaySeconds?: number } = {}): Promise<void> {
    this.sendRaw(JSON.stringify(message), 0, options.delaySeconds ?? 0);
  }

  /** Enqueues a raw body (used by redrive and tests), visible after `delaySeconds`. */
  sendRaw(body: string, receiveCount = 0, delaySeconds = 0): void {
    const now = this.options.clock.now().getTime();
    const visibleAt = now + delaySeconds * 1000;
    this.state.main.push({ messageId: randomUUID(), body, sentAt: now, receiveCount, visibleAt });
    this.count('sent');
    this.persist();
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` whenever a message is sent (the poller wakes up instead of spinning). */
  onSend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Receives up to `max` visible messages; messages past their receive budget move to the DLQ first. */
  receive(max: number): QueuedMessage[] {
    const now = this.options.clock.now().getTime();
    const maxReceives = this.options.maxReceiveCount ?? 3;
    const timeoutMs = (this.options.visibilityTimeoutSeconds ?? 60) * 1000;
    const out: QueuedMessage[] = [];
    for (const m of [...this.state.main]) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (m.receiveCount >= maxReceives) {
        this.state.main.splice(this.state.main.indexOf(m), 1);
        delete m.receiptHandle;
        this.state.dlq.push(m);
        this.count('deadLettered');
        continue;
      }
      if (m.receiveCount > 0) this.count('retried');
      m.receiveCount += 1;
      m.visibleAt = now + timeoutMs;
      m.receiptHandle = randomUUID();
      out.push({ ...m });
    }
    this.persist();
    return out;
  }

  /** Deletes a received message (processing succeeded). */
  delete(receiptHandle: string): void {
    const index = this.state.main.findIndex((m) => m.receiptHandle === receiptHandle);
    if (index >= 0) {
      this.state.main.splice(index, 1);
      this.count('deleted');
      this.persist();
    }
  }

  /** Makes a received message visible again after `seconds` (a failed attempt). */
  changeVisibility(receiptHandle: string, seconds: number): void {
    const m = this.state.main.find((x) => x.receiptHandle === receiptHandle);
    if (!m) return;
    m.visibleAt = this.options.clock.now().getTime() + seconds * 1000;
    delete m.receiptHandle;
    this.persist();
  }

  /** Earliest time a message becomes visible, if any is waiting. */
  nextVisibleAt(): number | undefined {
    let next: number | undefined;
    for (const m of this.state.main) if (next === undefined || m.visibleAt < next) next = m.visibleAt;
    return next;
  }

  /** Approximate counts, like SQS's attributes. */
  depth(): { visible: number; inFlight: number; dlq: number } {
    const now = this.options.clock.now().getTime();
    const inFlight = this.state.main.filter((m) => m.visibleAt > now).length;
    return { visible: this.state.main.length - inFlight, inFlight, dlq: this.state.dlq.length };
  }

  /** When the oldest message still in the queue (waiting or in flight) was sent, if any. */
  oldestSentAt(): number | undefined {
    let oldest: number | undefined;
    for (const m of this.state.main) if (oldest === undefined || m.sentAt < oldest) oldest = m.sentAt;
    return oldest;
  }

  /** Messages in the DLQ (oldest first). */
  listDeadLetters(): QueuedMessage[] {
    return this.state.dlq.map((m) => ({ ...m }));
  }

  /** Moves every DLQ message (or the given ids) back to the main queue with a fresh receive budget. */
  redrive(messageIds?: string[]): number {
    const wanted = messageIds ? new Set(messageIds) : undefined;
    const moving = this.state.dlq.filter((m) => !wanted || wanted.has(m.messageId));
    this.state.dlq = this.state.dlq.filter((m) => !moving.includes(m));
    const now = this.options.clock.now().getTime();
    for (const m of moving) this.state.main.push({ ...m, receiveCount: 0, visibleAt: now });
    // A redriven message leaves the DLQ count; it was counted as sent once, when it first arrived, and
    // will be counted as deleted once processed, so `sent = deleted + in the DLQ + queued` still holds.
    this.state.stats = { ...this.stats(), deadLettered: this.stats().deadLettered - moving.length };
    this.persist();
    for (const listener of this.listeners) listener();
    return moving.length;
  }

  /** Lifetime counters: at rest, sent = deleted + in the DLQ + still queued. */
  stats(): QueueStats {
    return { sent: 0, retried: 0, deleted: 0, deadLettered: 0, ...this.state.stats };
  }

  private count(what: keyof QueueStats): void {
    const stats = this.stats();
    stats[what] += 1;
    this.state.stats = stats;
  }

  private persist(): void {
    if (this.options.file) writeJsonFile(this.options.file, this.state);
  }
}
