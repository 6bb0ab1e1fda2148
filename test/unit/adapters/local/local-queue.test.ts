import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '#adapters/local/local-queue.js';
import { issueClosedMessage } from '../../../helpers/ingest-messages.js';
import { fixedClock } from '../../../helpers/memory-ports.js';

function queue(file?: string) {
  const clock = fixedClock();
  return {
    clock,
    q: new LocalQueue({ clock, visibilityTimeoutSeconds: 30, maxReceiveCount: 3, ...(file ? { file } : {}) }),
  };
}

describe('LocalQueue', () => {
  it('hides a received message until its visibility timeout passes', () => {
    const { clock, q } = queue();
    q.sendRaw('a');
    expect(q.receive(10)).toHaveLength(1);
    expect(q.receive(10)).toHaveLength(0);
    clock.advance(30_001);
    expect(q.receive(10).map((m) => m.receiveCount)).toEqual([2]);
  });

  it('keeps a delayed message invisible for its delay, then delivers it once', async () => {
    const { clock, q } = queue();
    await q.send(issueClosedMessage('gh-delayed'), { delaySeconds: 20 });
    expect(q.receive(10)).toHaveLength(0);
    clock.advance(20_000);
    expect(q.receive(10).map((m) => JSON.parse(m.body).deliveryId)).toEqual(['gh-delayed']);
  });

  it('deletes a message by its receipt handle', () => {
    const { clock, q } = queue();
    q.sendRaw('a');
    const [m] = q.receive(1);
    q.delete(m!.receiptHandle!);
    clock.advance(60_000);
    expect(q.receive(10)).toHaveLength(0);
  });

  it('moves a message to the DLQ after three receives', () => {
    const { clock, q } = queue();
    q.sendRaw('poison');
    for (let i = 0; i < 3; i++) {
      expect(q.receive(1)).toHaveLength(1);
      clock.advance(30_001);
    }
    expect(q.receive(1)).toHaveLength(0);
    expect(q.listDeadLetters().map((m) => m.body)).toEqual(['poison']);
    expect(q.depth()).toEqual({ visible: 0, inFlight: 0, dlq: 1 });
  });

  it('redrives DLQ messages with a fresh receive budget', () => {
    const { clock, q } = queue();
    q.sendRaw('poison');
    for (let i = 0; i < 4; i++) {
      q.receive(1);
      clock.advance(30_001);
    }
    expect(q.redrive()).toBe(1);
    expect(q.receive(1).map((m) => m.receiveCount)).toEqual([1]);
  });

  it('keeps messages across a restart, making in-flight ones visible again', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'af-queue-')), 'queue.json');
    const first = queue(file);
    first.q.sendRaw('a');
    first.q.sendRaw('b');
    first.q.receive(1);
    const second = queue(file);
    expect(
      second.q
        .receive(10)
        .map((m) => m.body)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('counts sent, retried, deleted and dead-lettered messages, balancing at rest', () => {
    const { clock, q } = queue();
    q.sendRaw('ok');
    q.sendRaw('poison');
    const [first] = q.receive(1);
    q.delete(first!.receiptHandle!);
    for (let i = 0; i < 4; i++) {
      q.receive(1);
      clock.advance(30_001);
    }
    // The poison message: received three times (two of them retries), then dead-lettered.
    expect(q.stats()).toEqual({ sent: 2, retried: 2, deleted: 1, deadLettered: 1 });
    q.redrive();
    // sent = deleted + in the DLQ + queued, before and after the redriven message is processed.
    expect(q.stats()).toEqual({ sent: 2, retried: 2, deleted: 1, deadLettered: 0 });
    const [again] = q.receive(1);
    q.delete(again!.receiptHandle!);
    expect(q.stats()).toEqual({ sent: 2, retried: 2, deleted: 2, deadLettered: 0 });
  });
});
