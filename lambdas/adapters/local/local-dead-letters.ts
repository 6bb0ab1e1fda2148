import type { DeadLetter, DeadLetterQueue } from '#lambdas/ports.js';
import { summarizeDeadLetter } from '../dead-letter-summary.js';
import type { LocalQueue } from './local-queue.js';

/** The local queue's DLQ as the API sees it. */
export class LocalDeadLetters implements DeadLetterQueue {
  constructor(private readonly queue: LocalQueue) {}

  async list(limit: number): Promise<DeadLetter[]> {
    return this.queue
      .listDeadLetters()
      .slice(0, limit)
      .map((m) => ({
        messageId: m.messageId,
        receiveCount: m.receiveCount,
        sentAt: new Date(m.sentAt).toISOString(),
        summary: summarizeDeadLetter(m.body),
      }));
  }

  async redrive(messageIds?: string[]): Promise<number> {
    return this.queue.redrive(messageIds);
  }
}
