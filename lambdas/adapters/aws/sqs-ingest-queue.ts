import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { IngestMessage } from '#core/events.js';
import type { IngestQueue } from '#lambdas/ports.js';

/** The ingest queue on Amazon SQS. */
export class SqsIngestQueue implements IngestQueue {
  constructor(private readonly options: { client: SQSClient; queueUrl: string }) {}

  async send(message: IngestMessage, options: { delaySeconds?: number } = {}): Promise<void> {
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        ...(options.delaySeconds ? { DelaySeconds: options.delaySeconds } : {}),
        MessageBody: sqsSafeJson(message),
        MessageAttributes: {
          deliveryId: { DataType: 'String', StringValue: message.deliveryId },
          projectId: { DataType: 'String', StringValue: message.projectId },
        },
      }),
    );
  }
}

/**
 * JSON that SQS accepts: JSON.stringify already escapes control characters and lone surrogates, but
 * leaves U+FFFE and U+FFFF, which SQS refuses; they are escaped too (the JSON means the same).
 */
export function sqsSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
