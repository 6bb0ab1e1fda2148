import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SqsDeadLetterQueue } from '#adapters/aws/sqs-dead-letter-queue.js';
import { issueClosedMessage } from '../../../helpers/ingest-messages.js';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const dlq = () =>
  new SqsDeadLetterQueue({
    client: new SQSClient({ region: 'eu-west-1' }),
    dlqUrl: 'https://sqs/dlq',
    dlqArn: 'arn:aws:sqs:eu-west-1:1:dlq',
    queueUrl: 'https://sqs/q',
    queueArn: 'arn:aws:sqs:eu-west-1:1:q',
  });
const body = JSON.stringify(issueClosedMessage());

describe('SqsDeadLetterQueue', () => {
  it('peeks without hiding messages and summarises them without their payload', async () => {
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        { MessageId: 'm1', Body: body, Attributes: { ApproximateReceiveCount: '3', SentTimestamp: '0' } },
      ],
    });
    expect(await dlq().list(5)).toEqual([
      {
        messageId: 'm1',
        receiveCount: 3,
        sentAt: new Date(0).toISOString(),
        summary: 'github github.issue project=p1 delivery=gh-1',
      },
    ]);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input).toMatchObject({
      VisibilityTimeout: 0,
      MaxNumberOfMessages: 5,
    });
  });

  it('redrives everything with an SQS move task, reporting how many were waiting', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '4' } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 't' });
    expect(await dlq().redrive()).toBe(4);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toEqual({
      SourceArn: 'arn:aws:sqs:eu-west-1:1:dlq',
      DestinationArn: 'arn:aws:sqs:eu-west-1:1:q',
    });
  });

  it('moves chosen messages by sending them to the queue before deleting them from the DLQ', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { MessageId: 'm1', Body: body, ReceiptHandle: 'r1' },
          { MessageId: 'm2', Body: body, ReceiptHandle: 'r2' },
        ],
      })
      .resolves({ Messages: [] });
    expect(await dlq().redrive(['m2'])).toBe(1);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input.QueueUrl)).toEqual([
      'https://sqs/q',
    ]);
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input.ReceiptHandle)).toEqual(['r2']);
  });
});
