import { randomUUID } from 'node:crypto';
import type { TimelineEntry } from '#core/timeline.js';

// Builders the DynamoDB adapter tests need beyond test/helpers/factories.ts.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id whose order follows `time` (then `seq`), like the ids the Ids port hands out. */
export function ulidAt(time: number, seq = 0): string {
  let head = '';
  for (let t = time, i = 0; i < 10; i += 1, t = Math.floor(t / 32)) head = CROCKFORD.charAt(t % 32) + head;
  let tail = '';
  for (let s = seq, i = 0; i < 16; i += 1, s = Math.floor(s / 32)) tail = CROCKFORD.charAt(s % 32) + tail;
  return head + tail;
}

/** A fresh project id, so tests sharing one table never see each other's items. */
export function uniqueProjectId(): string {
  return `p-${randomUUID()}`;
}

/** A timeline entry; override what the test is about. */
export function createTimelineEntry(overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    at: '2025-01-01T00:00:00.000Z',
    source: 'autoflow',
    kind: 'task.received',
    message: 'Task received',
    ...overrides,
  };
}
