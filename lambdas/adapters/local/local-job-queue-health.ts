import type { JobsHealth } from '#core/analytics/schemas.js';
import type { Clock, JobQueueHealth } from '#lambdas/ports.js';
import type { LocalQueue } from './local-queue.js';

/** The local queue's health, read from its own state (what SQS and CloudWatch report on AWS). */
export class LocalJobQueueHealth implements JobQueueHealth {
  constructor(private readonly options: { queue: LocalQueue; clock: Clock }) {}

  async health(): Promise<JobsHealth> {
    const { visible, inFlight, dlq } = this.options.queue.depth();
    const oldest = this.options.queue.oldestSentAt();
    const now = this.options.clock.now().getTime();
    return {
      queueDepth: visible,
      inFlight,
      oldestMessageAgeSeconds: oldest === undefined ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
      deadLetterDepth: dlq,
    };
  }
}
