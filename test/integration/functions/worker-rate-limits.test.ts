import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSqsEvent } from '#adapters/local/queue-poller.js';
import { RateLimitedError, TransientIntegrationError } from '#core/errors.js';
import type { IngestMessage } from '#core/events.js';
import { createWorker, MAX_DEFERRALS, MAX_DELAY_SECONDS } from '#lambdas/functions/worker.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createAsanaRecord } from '../../helpers/factories.js';
import { memoryQueue } from '../../helpers/memory-ports.js';
import { createPipelineFixture } from '../../helpers/pipeline-fixture.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

async function setup() {
  const fixture = await createPipelineFixture(db);
  const queue = memoryQueue();
  const worker = createWorker({ ...fixture.deps, queue });
  const record = createAsanaRecord();
  fixture.integrations.asanaTasks.set(record.gid, record);
  const message = (deferrals?: number): IngestMessage => ({
    deliveryId: 'asana-1',
    projectId: fixture.projectId,
    source: 'asana',
    receivedAt: '2026-11-25T10:00:00.000Z',
    event: { type: 'asana.task_touched', asanaGid: record.gid, action: 'changed', occurredAt: 'now' },
    ...(deferrals !== undefined ? { deferrals } : {}),
  });
  const run = (m: IngestMessage) =>
    worker(
      toSqsEvent([
        {
          messageId: 'm1',
          body: JSON.stringify(m),
          sentAt: 0,
          receiveCount: 1,
          visibleAt: 0,
          receiptHandle: 'r1',
        },
      ]),
    );
  return { ...fixture, queue, message, run };
}

describe('worker under rate limits', () => {
  it('puts a rate-limited delivery back, delayed as asked, instead of failing the record', async () => {
    const { integrations, queue, message, run, logger } = await setup();
    integrations.fail({ method: 'getTask', times: 1, error: () => new RateLimitedError('Asana (429)', 37) });

    const response = await run(message());

    expect(response.batchItemFailures).toEqual([]);
    expect(queue.sent).toEqual([{ ...message(), deferrals: 1 }]);
    expect(queue.delays).toEqual([37]);
    expect(logger.lines.some((l) => l.message === 'delivery deferred: rate limited')).toBe(true);
  });

  it('processes the deferred copy like the original once the limit has passed', async () => {
    const { queue, message, run, tasks, projectId } = await setup();

    const response = await run(message(1));

    expect(response.batchItemFailures).toEqual([]);
    expect(queue.sent).toEqual([]);
    expect(await tasks.listTasks(projectId, { limit: 10 })).toMatchObject({ items: [expect.anything()] });
  });

  it('clamps the delay to what SQS allows, and to at least a second', async () => {
    const { integrations, queue, message, run } = await setup();
    integrations.fail({ method: 'getTask', times: 1, error: () => new RateLimitedError('slow down', 7200) });
    await run(message());
    integrations.fail({ method: 'getTask', times: 1, error: () => new RateLimitedError('slow down', 0) });
    await run(message());

    expect(queue.delays).toEqual([MAX_DELAY_SECONDS, 1]);
  });

  it('fails the record like any other error once the deferrals are spent', async () => {
    const { integrations, queue, message, run } = await setup();
    integrations.fail({ method: 'getTask', times: 1, error: () => new RateLimitedError('Asana (429)', 5) });

    const response = await run(message(MAX_DEFERRALS));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(queue.sent).toEqual([]);
  });

  it('fails the record for other transient errors (three receives, then the DLQ)', async () => {
    const { integrations, queue, message, run } = await setup();
    integrations.fail({
      method: 'getTask',
      times: 1,
      error: () => new TransientIntegrationError('Asana (502)'),
    });

    const response = await run(message());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(queue.sent).toEqual([]);
  });

  it('keeps the original when the copy cannot be enqueued (nothing is lost)', async () => {
    const { integrations, queue, message, run } = await setup();
    integrations.fail({ method: 'getTask', times: 1, error: () => new RateLimitedError('Asana (429)', 5) });
    queue.failNext = true;

    const response = await run(message());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });
});
