import { describe, expect, it } from 'vitest';
import {
  funnelOf,
  isoWeekOf,
  leadTimeByWeek,
  percentile,
  summaryOf,
  topFailures,
  type AnalyticsDay,
} from '#core/analytics/aggregate.js';

const day = (d: string, overrides: Partial<AnalyticsDay> = {}): AnalyticsDay => ({
  day: d,
  reached: {},
  failures: {},
  leadTimesMs: [],
  leadTimesDropped: 0,
  ...overrides,
});

describe('percentile', () => {
  it('takes the nearest-rank value and null for no samples', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('isoWeekOf', () => {
  it('numbers weeks from the one holding the first Thursday, across year ends', () => {
    expect(isoWeekOf('2026-03-02')).toBe('2026-W10');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-03-08')).toBe('2026-W10');
  });
});

describe('funnelOf', () => {
  it('sums the cohorts of the days per stage, in funnel order, zero included', () => {
    const days = [
      day('2026-03-01', { reached: { AUTOTASK: 3, ISSUE: 2 } }),
      day('2026-03-02', { reached: { AUTOTASK: 1 } }),
    ];

    expect(funnelOf(days)).toEqual([
      { stage: 'AUTOTASK', count: 4 },
      { stage: 'ISSUE', count: 2 },
      { stage: 'PR', count: 0 },
      { stage: 'MERGE', count: 0 },
      { stage: 'CI_SUCCESS', count: 0 },
      { stage: 'DEPLOYED', count: 0 },
    ]);
  });
});

describe('leadTimeByWeek', () => {
  it('pools the days of each ISO week and flags weeks with dropped samples', () => {
    const days = [
      day('2026-03-02', { leadTimesMs: [10, 30] }),
      day('2026-03-08', { leadTimesMs: [20] }),
      day('2026-03-09', { leadTimesMs: [100], leadTimesDropped: 2 }),
      day('2026-03-10'),
    ];

    expect(leadTimeByWeek(days)).toEqual([
      { week: '2026-W10', count: 3, p50Ms: 20, p90Ms: 30, exact: true },
      { week: '2026-W11', count: 3, p50Ms: 100, p90Ms: 100, exact: false },
    ]);
  });
});

describe('topFailures', () => {
  it('ranks reasons by count over the days, ties by name, cut at the limit', () => {
    const days = [
      day('2026-03-01', { failures: { b: 2, a: 1 } }),
      day('2026-03-02', { failures: { a: 1, c: 5 } }),
    ];

    expect(topFailures(days, 2)).toEqual([
      { reason: 'c', count: 5 },
      { reason: 'a', count: 2 },
    ]);
  });
});

describe('summaryOf', () => {
  it('lists every status, totals them and counts the open backlog', () => {
    const summary = summaryOf({ RECEIVED: 2, DEPLOYED: 5, CANCELLED: 1, FAILED: 1 });

    expect(summary.byStatus.ISSUE_CREATED).toBe(0);
    expect(summary).toMatchObject({ total: 9, open: 3 });
  });
});
