import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SqsJobQueueHealth } from '#adapters/aws/sqs-job-queue-health.js';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const options = {
  client: new SQSClient({ region: 'eu-west-1' }),
  queueUrl: 'https://sqs/q',
  dlqUrl: 'https://sqs/dlq',
};

describe('SqsJobQueueHealth', () => {
  it('reads depth and in-flight from the queue and the depth of the DLQ', async () => {
    // Prepare
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: 'https://sqs/q' })
      .resolves({
        Attributes: { ApproximateNumberOfMessages: '7', ApproximateNumberOfMessagesNotVisible: '2' },
      })
      .on(GetQueueAttributesCommand, { QueueUrl: 'https://sqs/dlq' })
      .resolves({
        Attributes: { ApproximateNumberOfMessages: '3', ApproximateNumberOfMessagesNotVisible: '0' },
      });
    const health = new SqsJobQueueHealth({ ...options, oldestMessageAge: async () => 42 });

    // Act
    const out = await health.health();

    // Assess
    expect(out).toEqual({ queueDepth: 7, inFlight: 2, oldestMessageAgeSeconds: 42, deadLetterDepth: 3 });
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input.AttributeNames).toEqual([
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
    ]);
  });

  it('reports the age as unknown without a metric source and zero for missing attributes', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({});

    expect(await new SqsJobQueueHealth(options).health()).toEqual({
      queueDepth: 0,
      inFlight: 0,
      oldestMessageAgeSeconds: null,
      deadLetterDepth: 0,
    });
  });

  it('lets SQS errors through untouched', async () => {
    sqs.on(GetQueueAttributesCommand).rejects(new Error('AccessDenied'));

    await expect(new SqsJobQueueHealth(options).health()).rejects.toThrow('AccessDenied');
  });
});
