import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudWatchQueueAge, queueNameOf } from '#adapters/aws/cloudwatch-queue-age.js';
import { fixedClock } from '../../../helpers/memory-ports.js';

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/111111111111/autoflow-staging-ingest';
const read = () =>
  cloudWatchQueueAge({
    client: new CloudWatchClient({ region: 'eu-west-1' }),
    queueUrl,
    clock: fixedClock('2026-11-25T10:00:00.000Z'),
  })();

describe('cloudWatchQueueAge', () => {
  it("asks for the queue's latest per-minute maximum of the last 15 minutes", async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'age', Values: [41.6, 12] }] });

    expect(await read()).toBe(42);
    const input = cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.StartTime).toEqual(new Date('2026-11-25T09:45:00.000Z'));
    expect(input.EndTime).toEqual(new Date('2026-11-25T10:00:00.000Z'));
    expect(input.ScanBy).toBe('TimestampDescending');
    expect(input.MetricDataQueries?.[0]?.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: 'autoflow-staging-ingest' }],
      },
      Period: 60,
      Stat: 'Maximum',
    });
  });

  it('reads null when CloudWatch has no data point (an idle queue publishes none)', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'age', Values: [] }] });

    expect(await read()).toBeNull();
  });

  it('names the queue from its URL and refuses something that is not one', () => {
    expect(queueNameOf(queueUrl)).toBe('autoflow-staging-ingest');
    expect(() => queueNameOf('https://sqs.eu-west-1.amazonaws.com/')).toThrow(/Not an SQS queue URL/);
  });
});
