import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobsHealth } from '#core/analytics/schemas.js';
import type { JobQueueHealth } from '#lambdas/ports.js';

/** Where the ingest queue and its DLQ are, and how the oldest message's age is read. */
export interface SqsJobQueueHealthOptions {
  client: SQSClient;
  queueUrl: string;
  dlqUrl: string;
  /**
   * The ingest queue's `ApproximateAgeOfOldestMessage` in seconds (a CloudWatch metric: SQS's API does
   * not expose it). Null when unknown. @default unknown (null)
   */
  oldestMessageAge?: () => Promise<number | null>;
}

/** The ingest queue's health on AWS: depth and in-flight from SQS attributes, DLQ depth likewise. */
export class SqsJobQueueHealth implements JobQueueHealth {
  constructor(private readonly options: SqsJobQueueHealthOptions) {}

  async health(): Promise<JobsHealth> {
    const [main, dlq, age] = await Promise.all([
      this.#attributes(this.options.queueUrl),
      this.#attributes(this.options.dlqUrl),
      this.options.oldestMessageAge?.() ?? Promise.resolve(null),
    ]);
    return {
      queueDepth: main.ApproximateNumberOfMessages,
      inFlight: main.ApproximateNumberOfMessagesNotVisible,
      oldestMessageAgeSeconds: age,
      deadLetterDepth: dlq.ApproximateNumberOfMessages,
    };
  }

  async #attributes(queueUrl: string) {
    const out = await this.options.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const read = (name: QueueAttributeName) => Number(out.Attributes?.[name] ?? 0);
    return {
      ApproximateNumberOfMessages: read('ApproximateNumberOfMessages'),
      ApproximateNumberOfMessagesNotVisible: read('ApproximateNumberOfMessagesNotVisible'),
    };
  }
}
