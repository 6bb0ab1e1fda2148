import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createObservability } from '#lambdas/composition/aws-clients.js';
import { instrument } from '#lambdas/composition/instrument.js';

const context = { functionName: 'autoflow-test-worker', awsRequestId: 'req-1' } as Context;

function setup() {
  const observability = createObservability('worker', 'test');
  const publish = vi
    .spyOn(observability.metrics, 'publishStoredMetrics')
    .mockImplementation(() => observability.metrics);
  vi.spyOn(observability.metrics, 'captureColdStartMetric').mockImplementation(() => undefined);
  return { observability, publish };
}

describe('instrument', () => {
  it('returns what the handler returns and flushes the metrics it recorded', async () => {
    const { observability, publish } = setup();
    const handler = instrument(observability, async (n: number) => {
      observability.metrics.addMetric('DeliveriesProcessed', 'Count', n);
      return n * 2;
    });

    await expect(handler(21, context)).resolves.toBe(42);
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('rethrows the handler error untouched and still flushes', async () => {
    const { observability, publish } = setup();
    const failure = new Error('boom');
    const handler = instrument(observability, async () => {
      observability.metrics.addMetric('Attempts', 'Count', 1);
      throw failure;
    });

    await expect(handler(undefined, context)).rejects.toBe(failure);
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('shares one logger per service name with the dependencies', () => {
    expect(createObservability('worker', 'test').logger).toBe(createObservability('worker', 'test').logger);
  });
});
