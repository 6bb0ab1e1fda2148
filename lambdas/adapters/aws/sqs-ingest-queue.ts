import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { IngestMessage } from '#core/events.js';
import type { IngestQueue } from '#lambdas/ports.js';

/** The ingest queue on Amazon SQS. */
export class SqsIngestQueue implements IngestQueue {
  constructor(private readonly options: { client: SQSClient; queueUrl: string }) {}

  async send(message: IngestMessage): Promise<void> {
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageAttributes: {
          deliveryId: { DataType: 'String', StringValue: message.deliveryId },
          projectId: { DataType: 'String', StringValue: message.projectId },
        },
      }),
    );
  }
}
