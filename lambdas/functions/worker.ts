import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { IngestMessageSchema } from '#core/events.js';
import { parseOrThrow } from '#core/validation.js';
import { processIngest, type ProcessIngestDeps } from '#lambdas/app/process-ingest.js';

/** SQS → worker: each record is one delivery; failures are reported per item so only they are retried. */
export function createWorker(deps: ProcessIngestDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const message = parseOrThrow(IngestMessageSchema, JSON.parse(record.body), 'ingest message');
    const outcome = await processIngest(message, deps);
    deps.logger.info('delivery processed', {
      deliveryId: message.deliveryId,
      projectId: message.projectId,
      type: message.event.type,
      outcome,
      receiveCount: record.attributes.ApproximateReceiveCount,
    });
  };
  return async function work(event: SQSEvent): Promise<SQSBatchResponse> {
    // Sequential: deliveries of one batch often touch the same task, and GitHub writes must stay paced.
    return processPartialResponse(event, recordHandler, processor, {
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
  };
}
