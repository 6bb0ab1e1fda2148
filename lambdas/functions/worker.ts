import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { RateLimitedError } from '#core/errors.js';
import { IngestMessageSchema, type IngestMessage } from '#core/events.js';
import { parseOrThrow } from '#core/validation.js';
import { processIngest, type ProcessIngestDeps } from '#lambdas/app/process-ingest.js';
import type { IngestQueue } from '#lambdas/ports.js';

/** What the worker needs: the pipeline, and the queue to put rate-limited deliveries back on. */
export interface WorkerDeps extends ProcessIngestDeps {
  queue: IngestQueue;
}

/**
 * How often one delivery may be put back for rate limiting before a throttled attempt counts as a
 * failure like any other (3 receives, then the DLQ), and the longest delay SQS allows.
 */
export const MAX_DEFERRALS = 5;
export const MAX_DELAY_SECONDS = 900;

/** SQS → worker: each record is one delivery; failures are reported per item so only they are retried. */
export function createWorker(deps: WorkerDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const message = parseOrThrow(IngestMessageSchema, JSON.parse(record.body), 'ingest message');
    const outcome = await processIngest(message, deps).catch((error: unknown) =>
      deferOrThrow(message, error),
    );
    deps.logger.info('delivery processed', {
      deliveryId: message.deliveryId,
      projectId: message.projectId,
      type: message.event.type,
      outcome,
      receiveCount: record.attributes.ApproximateReceiveCount,
    });
  };

  /**
   * Throttling is not a failure of the delivery: instead of spending one of its three receives, a
   * copy goes back on the queue, invisible for as long as the integration asked, and this record
   * succeeds (the copy is sent before the original is deleted, so nothing is lost). The copy carries
   * the same delivery id, so whatever the first attempt already applied is skipped.
   */
  async function deferOrThrow(message: IngestMessage, error: unknown): Promise<'deferred'> {
    const deferrals = message.deferrals ?? 0;
    if (!(error instanceof RateLimitedError) || deferrals >= MAX_DEFERRALS) throw error;
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(1, error.retryAfterSeconds));
    await deps.queue.send({ ...message, deferrals: deferrals + 1 }, { delaySeconds });
    deps.logger.warn('delivery deferred: rate limited', {
      deliveryId: message.deliveryId,
      projectId: message.projectId,
      delaySeconds,
      deferrals: deferrals + 1,
      reason: error.message,
    });
    return 'deferred';
  }

  return async function work(event: SQSEvent): Promise<SQSBatchResponse> {
    // Sequential: deliveries of one batch often touch the same task, and GitHub writes must stay paced.
    return processPartialResponse(event, recordHandler, processor, {
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
  };
}
