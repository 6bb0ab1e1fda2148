import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Logger } from '#lambdas/ports.js';
import type { LocalQueue, QueuedMessage } from './local-queue.js';

/** Options of the local event source mapping. */
export interface QueuePollerOptions {
  queue: LocalQueue;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  logger: Logger;
  batchSize?: number;
  /** Parallel batches, like the event source mapping's maximum concurrency. @default 1 */
  concurrency?: number;
  /** Seconds a failed message stays invisible before the next receive. @default 2 */
  retryDelaySeconds?: number;
}

/**
 * The local stand-in for Lambda's SQS event source mapping: receives batches, invokes the worker,
 * deletes what succeeded and lets failures reappear (and, after the receive budget, go to the DLQ).
 */
export class QueuePoller {
  private running = false;
  private readonly waiters = new Set<() => void>();
  private loops: Promise<void>[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: QueuePollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.queue.onSend(() => this.wakeAll());
    const n = this.options.concurrency ?? 1;
    this.loops = Array.from({ length: n }, () => this.loop());
  }

  /** Stops polling and waits for the batches in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wakeAll();
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const batch = this.options.queue.receive(this.options.batchSize ?? 10);
      if (batch.length === 0) {
        await this.idle();
        continue;
      }
      await this.process(batch);
    }
  }

  private async process(batch: QueuedMessage[]): Promise<void> {
    const { queue, handler, logger } = this.options;
    let failed: Set<string>;
    try {
      const response = await handler(toSqsEvent(batch));
      failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    } catch (error) {
      logger.error('worker invocation failed', { error: (error as Error).message });
      failed = new Set(batch.map((m) => m.messageId));
    }
    for (const m of batch) {
      if (!m.receiptHandle) continue;
      if (failed.has(m.messageId))
        queue.changeVisibility(m.receiptHandle, this.options.retryDelaySeconds ?? 2);
      else queue.delete(m.receiptHandle);
    }
  }

  private idle(): Promise<void> {
    const next = this.options.queue.nextVisibleAt();
    const delay = next === undefined ? 1000 : Math.max(5, Math.min(1000, next - Date.now()));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.waiters.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** The SQS event Lambda would hand the worker for these messages. */
export function toSqsEvent(batch: QueuedMessage[]): SQSEvent {
  return {
    Records: batch.map((m) => ({
      messageId: m.messageId,
      receiptHandle: m.receiptHandle ?? '',
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:ingest',
      awsRegion: 'local',
    })),
  };
}
