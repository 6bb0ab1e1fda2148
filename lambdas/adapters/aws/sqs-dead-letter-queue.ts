import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '#lambdas/ports.js';
import { summarizeDeadLetter } from '../dead-letter-summary.js';

/** Where the dead letters are and where they go back to. */
export interface SqsDeadLetterQueueOptions {
  client: SQSClient;
  dlqUrl: string;
  dlqArn: string;
  queueUrl: string;
  queueArn: string;
}

/** Receives that one redrive of chosen messages makes at most (10 messages each). */
const MAX_ROUNDS = 20;

/** The ingest DLQ on Amazon SQS: a peek to list, SQS's own move task to redrive everything. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly options: SqsDeadLetterQueueOptions) {}

  async list(limit: number): Promise<DeadLetter[]> {
    // VisibilityTimeout 0: the messages stay visible, so listing never hides them from a redrive.
    const out = await this.options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.dlqUrl,
        MaxNumberOfMessages: Math.min(10, limit),
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    );
    return (out.Messages ?? []).map((m) => ({
      messageId: m.MessageId ?? '',
      receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
      sentAt: new Date(Number(m.Attributes?.SentTimestamp ?? 0)).toISOString(),
      summary: summarizeDeadLetter(m.Body ?? ''),
    }));
  }

  async redrive(messageIds?: string[]): Promise<number> {
    const { client, dlqUrl, dlqArn, queueUrl, queueArn } = this.options;
    if (!messageIds) {
      const attributes = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      const count = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
      if (count === 0) return 0;
      // SQS moves them itself, at its own pace; the count is SQS's approximation at the start.
      await client.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: queueArn }));
      return count;
    }
    const wanted = new Set(messageIds);
    let moved = 0;
    for (let round = 0; round < MAX_ROUNDS && wanted.size > 0; round++) {
      const out = await client.send(
        new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const m of messages) {
        if (!m.MessageId || !wanted.has(m.MessageId) || !m.Body || !m.ReceiptHandle) continue;
        // Send first, then delete: a crash in between leaves a duplicate, which the worker skips.
        await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: m.Body }));
        await client.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: m.ReceiptHandle }));
        wanted.delete(m.MessageId);
        moved++;
      }
    }
    return moved;
  }
}
