import { TASK_STATUSES, type TaskStatus } from '../task.js';
import { FUNNEL_STAGES, type FunnelStage } from './progress.js';

/** One UTC day of a project's pre-aggregated analytics. */
export interface AnalyticsDay {
  day: string;
  /** Tasks of this day's cohort (AutoTask day) that reached each stage. */
  reached: Partial<Record<FunnelStage, number>>;
  /** Failures that happened on this day, by reason. */
  failures: Record<string, number>;
  /** Lead times (ms) of the tasks deployed on this day. */
  leadTimesMs: number[];
  /** Lead-time samples not kept because the day's list was full (then percentiles are approximate). */
  leadTimesDropped: number;
}

/** Nearest-rank percentile of a list (null when empty): the value itself, never an interpolation. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The ISO 8601 week of a UTC day, e.g. `2026-W09` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  // The Thursday of the same week decides the year; week 1 is the week of the year's first Thursday.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Tasks per funnel stage over the days' cohorts, in funnel order. */
export function funnelOf(days: readonly AnalyticsDay[]): { stage: FunnelStage; count: number }[] {
  return FUNNEL_STAGES.map((stage) => ({
    stage,
    count: days.reduce((sum, d) => sum + (d.reached[stage] ?? 0), 0),
  }));
}

/** One ISO week of lead times. */
export interface LeadTimeWeek {
  week: string;
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  /** False when samples were dropped (a day over its bound): the percentiles are then of the kept ones. */
  exact: boolean;
}

/** Lead time p50/p90 per ISO week of deployment, oldest week first. */
export function leadTimeByWeek(days: readonly AnalyticsDay[]): LeadTimeWeek[] {
  const weeks = new Map<string, { samples: number[]; dropped: number }>();
  for (const d of days) {
    if (d.leadTimesMs.length === 0 && d.leadTimesDropped === 0) continue;
    const week = isoWeekOf(d.day);
    const entry = weeks.get(week) ?? { samples: [], dropped: 0 };
    entry.samples.push(...d.leadTimesMs);
    entry.dropped += d.leadTimesDropped;
    weeks.set(week, entry);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, { samples, dropped }]) => ({
      week,
      count: samples.length + dropped,
      p50Ms: percentile(samples, 50),
      p90Ms: percentile(samples, 90),
      exact: dropped === 0,
    }));
}

/** The `limit` most frequent failure reasons over the days, most frequent first (ties by reason). */
export function topFailures(
  days: readonly AnalyticsDay[],
  limit: number,
): { reason: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const d of days)
    for (const [reason, n] of Object.entries(d.failures)) totals.set(reason, (totals.get(reason) ?? 0) + n);
  return [...totals.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
    .slice(0, limit);
}

/** Statuses that are still moving (the backlog): everything but the terminal and parked ones. */
const FINISHED: ReadonlySet<TaskStatus> = new Set(['DEPLOYED', 'CANCELLED']);

/** The summary: tasks by status (every status listed, zero included), their total and the open backlog. */
export function summaryOf(byStatus: Partial<Record<TaskStatus, number>>) {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, Math.max(0, byStatus[s] ?? 0)])) as Record<
    TaskStatus,
    number
  >;
  const total = TASK_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const open = TASK_STATUSES.filter((s) => !FINISHED.has(s)).reduce((sum, s) => sum + counts[s], 0);
  return { byStatus: counts, total, open };
}
