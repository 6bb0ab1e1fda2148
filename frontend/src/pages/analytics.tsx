import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState, type ReactNode } from 'react';
import { get } from '../api/client';
import type {
  AnalyticsSummary,
  FailuresResponse,
  FunnelResponse,
  FunnelStage,
  LeadTimeResponse,
} from '../api/types';
import { ChartCanvas } from '../components/chart-canvas';
import { EmptyState, ErrorState, Loading } from '../components/feedback';
import { useProject } from '../components/project-layout';

const STAGE_LABELS: Record<FunnelStage, string> = {
  AUTOTASK: 'AutoTask',
  ISSUE: 'Issue',
  PR: 'Pull request',
  MERGE: 'Merged',
  CI_SUCCESS: 'CI green',
  DEPLOYED: 'Deployed',
};

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A CSS colour of the theme, for the canvas (which cannot read variables). */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** The unit that keeps the longest duration readable: seconds, minutes, hours or days. */
function unitFor(maxMs: number): { name: string; short: string; ms: number } {
  if (maxMs < 120_000) return { name: 'seconds', short: 's', ms: 1000 };
  if (maxMs < 7_200_000) return { name: 'minutes', short: 'min', ms: 60_000 };
  if (maxMs < 259_200_000) return { name: 'hours', short: 'h', ms: 3_600_000 };
  return { name: 'days', short: 'd', ms: 86_400_000 };
}

function duration(ms: number | null): string {
  if (ms === null) return '–';
  const unit = unitFor(ms);
  return `${(ms / unit.ms).toFixed(1)} ${unit.short}`;
}

function barConfig(labels: string[], data: number[], label: string, horizontal = true): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels, datasets: [{ label, data, backgroundColor: themeColor('--accent', '#3b5bdb') }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
}

/** One chart with its data table (the text alternative), its loading, error and empty states. */
function ChartPanel(props: {
  id: string;
  title: string;
  state: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  empty: boolean;
  emptyText: string;
  chart?: ReactNode;
  table?: ReactNode;
}) {
  const { state } = props;
  return (
    <section className="panel stack" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {state.isPending ? (
        <Loading lines={3} />
      ) : state.isError ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : props.empty ? (
        <EmptyState title={props.emptyText} />
      ) : (
        <>
          {props.chart}
          <details>
            <summary>Show the data as a table</summary>
            <div className="table-wrap">{props.table}</div>
          </details>
        </>
      )}
    </section>
  );
}

function DataTable({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="tasks data-table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, i) => (
              <td key={head[i]} data-label={head[i]}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Funnel, lead time per week, failure reasons and backlog by state, from the pre-aggregated analytics. */
export function AnalyticsPage() {
  const project = useProject();
  const today = dayOf(Date.now());
  const [range, setRange] = useState({ from: dayOf(Date.now() - 29 * DAY_MS), to: today });
  const base = `/projects/${encodeURIComponent(project.slug)}/analytics`;
  const query = `from=${range.from}&to=${range.to}`;
  const summary = useQuery({
    queryKey: ['analytics', project.slug, 'summary'],
    queryFn: () => get<AnalyticsSummary>(`${base}/summary`),
    refetchInterval: 30_000,
  });
  const funnel = useQuery({
    queryKey: ['analytics', project.slug, 'funnel', query],
    queryFn: () => get<FunnelResponse>(`${base}/funnel?${query}`),
  });
  const lead = useQuery({
    queryKey: ['analytics', project.slug, 'lead-time', query],
    queryFn: () => get<LeadTimeResponse>(`${base}/lead-time?${query}`),
  });
  const failures = useQuery({
    queryKey: ['analytics', project.slug, 'failures', query],
    queryFn: () => get<FailuresResponse>(`${base}/failures?${query}&limit=10`),
  });

  const backlog = Object.entries(summary.data?.byStatus ?? {}).filter(([, n]) => n > 0);
  const stages = funnel.data?.stages ?? [];
  const weeks = lead.data?.weeks ?? [];
  const reasons = failures.data?.reasons ?? [];

  const unit = unitFor(Math.max(0, ...weeks.map((w) => w.p90Ms ?? 0)));
  const charts = useMemo(
    () => ({
      backlog: barConfig(
        backlog.map(([s]) => s.replace('_', ' ')),
        backlog.map(([, n]) => n),
        'Tasks',
      ),
      funnel: barConfig(
        stages.map((s) => STAGE_LABELS[s.stage]),
        stages.map((s) => s.count),
        'Tasks',
      ),
      failures: barConfig(
        reasons.map((r) => r.reason),
        reasons.map((r) => r.count),
        'Failures',
      ),
      lead: {
        type: 'line',
        data: {
          labels: weeks.map((w) => w.week),
          datasets: [
            {
              label: `p50 (${unit.name})`,
              data: weeks.map((w) => (w.p50Ms ?? 0) / unit.ms),
              borderColor: themeColor('--accent', '#3b5bdb'),
            },
            {
              label: `p90 (${unit.name})`,
              data: weeks.map((w) => (w.p90Ms ?? 0) / unit.ms),
              borderColor: themeColor('--warn', '#8a5a00'),
            },
          ],
        },
        options: { scales: { y: { beginAtZero: true } } },
      } satisfies ChartConfiguration,
    }),
    // Rebuilt only when an answer changes, so the charts are not redrawn on every render.
    [summary.data, funnel.data, lead.data, failures.data],
  );

  return (
    <div className="stack">
      <form className="range-form" aria-label="Date range" onSubmit={(e) => e.preventDefault()}>
        <label>
          From{' '}
          <input
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => {
              const from = e.target.value;
              if (from && from <= range.to) setRange({ ...range, from });
            }}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={range.to}
            min={range.from}
            max={today}
            onChange={(e) => {
              const to = e.target.value;
              if (to && to >= range.from) setRange({ ...range, to });
            }}
          />
        </label>
        <span className="muted small">Funnel counts tasks by the day they became AutoTasks (UTC).</span>
      </form>

      <ChartPanel
        id="funnel"
        title="Funnel"
        state={funnel}
        empty={stages.every((s) => s.count === 0)}
        emptyText="No AutoTask in this range yet."
        chart={
          <ChartCanvas
            config={charts.funnel}
            label={stages.map((s) => `${STAGE_LABELS[s.stage]}: ${s.count}`).join(', ')}
          />
        }
        table={
          <DataTable head={['Stage', 'Tasks']} rows={stages.map((s) => [STAGE_LABELS[s.stage], s.count])} />
        }
      />

      <ChartPanel
        id="lead-time"
        title="Lead time, AutoTask to deployed (per ISO week)"
        state={lead}
        empty={weeks.length === 0}
        emptyText="No task was deployed in this range."
        chart={
          <ChartCanvas
            config={charts.lead}
            label={weeks
              .map((w) => `${w.week}: p50 ${duration(w.p50Ms)}, p90 ${duration(w.p90Ms)}`)
              .join('; ')}
          />
        }
        table={
          <DataTable
            head={['Week', 'Deployed', 'p50', 'p90']}
            rows={weeks.map((w) => [
              w.week,
              w.count,
              duration(w.p50Ms),
              `${duration(w.p90Ms)}${w.exact ? '' : ' (sampled)'}`,
            ])}
          />
        }
      />

      <ChartPanel
        id="failures"
        title="Failure reasons"
        state={failures}
        empty={reasons.length === 0}
        emptyText="No failure in this range."
        chart={
          <ChartCanvas
            config={charts.failures}
            label={reasons.map((r) => `${r.reason}: ${r.count}`).join(', ')}
          />
        }
        table={<DataTable head={['Reason', 'Count']} rows={reasons.map((r) => [r.reason, r.count])} />}
      />

      <ChartPanel
        id="backlog"
        title={`Backlog by state${summary.data ? ` (${summary.data.open} open of ${summary.data.total})` : ''}`}
        state={summary}
        empty={backlog.length === 0}
        emptyText="No task tracked yet."
        chart={
          <ChartCanvas config={charts.backlog} label={backlog.map(([s, n]) => `${s}: ${n}`).join(', ')} />
        }
        table={<DataTable head={['State', 'Tasks']} rows={backlog} />}
      />
    </div>
  );
}
