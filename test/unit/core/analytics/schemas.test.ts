import { describe, expect, it } from 'vitest';
import { AnalyticsRangeQuerySchema, resolveRange } from '#core/analytics/schemas.js';
import { ValidationError } from '#core/errors.js';

describe('resolveRange', () => {
  it('defaults to the last 30 days up to today', () => {
    expect(resolveRange({}, '2026-03-31')).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(resolveRange({ from: '2026-03-30' }, '2026-03-31')).toEqual({
      from: '2026-03-30',
      to: '2026-03-31',
    });
  });

  it('refuses a range that runs backwards or is longer than 366 days, naming the field', () => {
    expect(() => resolveRange({ from: '2026-03-02', to: '2026-03-01' }, '2026-03-31')).toThrow(
      ValidationError,
    );
    try {
      resolveRange({ from: '2025-01-01', to: '2026-03-01' }, '2026-03-31');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { path: 'to', message: expect.stringContaining('365') },
      ]);
    }
    expect(resolveRange({ from: '2025-03-01', to: '2026-03-01' }, '2026-03-31').from).toBe('2025-03-01');
  });
});

describe('AnalyticsRangeQuerySchema', () => {
  it('accepts ISO days only and no unknown parameter', () => {
    expect(AnalyticsRangeQuerySchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(AnalyticsRangeQuerySchema.safeParse({ from: '2026-03-01T00:00:00Z' }).success).toBe(false);
    expect(AnalyticsRangeQuerySchema.safeParse({ since: '2026-03-01' }).success).toBe(false);
    expect(AnalyticsRangeQuerySchema.safeParse({ to: '2026-03-01' }).success).toBe(true);
  });
});
