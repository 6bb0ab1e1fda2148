import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Clock } from '#lambdas/ports.js';

/** How far back to look: SQS publishes its metrics every minute, sometimes a few minutes late. */
const LOOKBACK_MS = 15 * 60 * 1000;

/** The queue name at the end of an SQS queue URL (`https://sqs.{region}.amazonaws.com/{account}/{name}`). */
export function queueNameOf(queueUrl: string): string {
  const name = new URL(queueUrl).pathname.split('/').filter(Boolean).at(-1);
  if (!name) throw new Error(`Not an SQS queue URL: ${queueUrl}`);
  return name;
}

/**
 * Reads a queue's `ApproximateAgeOfOldestMessage` (seconds) from CloudWatch, which is the only place SQS
 * publishes it: the latest per-minute maximum of the last 15 minutes, or null when there is none (an idle
 * queue publishes nothing, or the metric is late).
 */
export function cloudWatchQueueAge(options: {
  client: CloudWatchClient;
  queueUrl: string;
  clock: Clock;
}): () => Promise<number | null> {
  const queueName = queueNameOf(options.queueUrl);
  return async () => {
    const end = options.clock.now();
    const out = await options.client.send(
      new GetMetricDataCommand({
        StartTime: new Date(end.getTime() - LOOKBACK_MS),
        EndTime: end,
        ScanBy: 'TimestampDescending',
        MetricDataQueries: [
          {
            Id: 'age',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SQS',
                MetricName: 'ApproximateAgeOfOldestMessage',
                Dimensions: [{ Name: 'QueueName', Value: queueName }],
              },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
      }),
    );
    const latest = out.MetricDataResults?.find((r) => r.Id === 'age')?.Values?.[0];
    return latest === undefined ? null : Math.round(latest);
  };
}
