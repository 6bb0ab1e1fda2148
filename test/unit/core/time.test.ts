import { describe, expect, it } from 'vitest';
import { compareTimes, isBefore, justAfter, laterOf, shortSha } from '#core/time.js';

describe('time helpers', () => {
  it('compares timestamps by instant, whatever their offset', () => {
    expect(compareTimes('2025-01-01T12:00:00+01:00', '2025-01-01T11:30:00Z')).toBe(-1);
    expect(compareTimes('2025-01-01T11:00:00.000Z', '2025-01-01T11:00:00Z')).toBe(0);
  });

  it('falls back to text order when a timestamp does not parse', () => {
    expect(compareTimes('a', 'b')).toBe(-1);
    expect(isBefore('b', 'a')).toBe(false);
  });

  it('picks the later timestamp', () => {
    expect(laterOf('2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z')).toBe('2025-01-02T00:00:00Z');
  });

  it('returns the instant one millisecond later', () => {
    expect(justAfter('2025-01-01T11:00:00.000Z')).toBe('2025-01-01T11:00:00.001Z');
    expect(justAfter('not a time')).toBe('not a time');
  });

  it('shortens a SHA to seven characters', () => {
    expect(shortSha('abcdef0123')).toBe('abcdef0');
  });
});
