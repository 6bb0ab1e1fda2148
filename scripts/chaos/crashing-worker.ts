import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

type Worker = (event: SQSEvent) => Promise<SQSBatchResponse>;

/** The worker "process" died part-way through a batch. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash' as const;
}

/**
 * Wraps the worker so that, when armed, its next batch dies after the first record: that record's
 * effects are applied, nothing is acknowledged, and the whole batch comes back after the visibility
 * timeout — what a process crash mid-batch does to an SQS consumer.
 */
export function crashingWorker(): { wrap(worker: Worker): Worker; arm(): void; crashes(): number } {
  let armed = false;
  let crashes = 0;
  return {
    arm: () => void (armed = true),
    crashes: () => crashes,
    wrap: (worker) => async (event) => {
      if (!armed || event.Records.length < 2) return worker(event);
      armed = false;
      crashes++;
      await worker({ Records: event.Records.slice(0, 1) });
      throw new SimulatedCrash(`worker crashed after 1 of ${event.Records.length} records`);
    },
  };
}
