import type { Task } from '#core/task.js';
import type { SpecSnapshot, TimelineEntry } from '#core/timeline.js';

/** How many spec versions the task page shows (the newest). */
export const SPEC_VERSIONS_SHOWN = 20;

/** One TaskSpec version: when it started, from which event, and its title and notes. */
export type SpecVersionView = SpecSnapshot & { at: string; kind: string };

/**
 * The task page's timeline and spec versions: versions live on the timeline entries that started
 * them; the timeline is sent without them (they come once, newest first).
 */
export function toTimelineView(entries: TimelineEntry[]): {
  timeline: Omit<TimelineEntry, 'spec'>[];
  specVersions: SpecVersionView[];
} {
  const specVersions = entries
    .flatMap(({ spec, at, kind }) => (spec ? [{ ...spec, at, kind }] : []))
    .reverse()
    .slice(0, SPEC_VERSIONS_SHOWN);
  return { timeline: entries.map(({ spec: _, ...entry }) => entry), specVersions };
}

/** CI on the merge commit, summarised for a table cell. */
export type CiSummary = 'none' | 'running' | 'passed' | 'failed';

/** One row of the dashboard. */
export interface TaskRow {
  taskId: string;
  title: string;
  status: Task['status'];
  stage: Task['stage'];
  repo: string | null;
  asanaUrl: string | null;
  issue: { number: number; url: string } | null;
  pr: { number: number; url: string } | null;
  ci: { state: CiSummary; url: string | null };
  createdAt: string;
  updatedAt: string;
}

function ciSummary(task: Task): TaskRow['ci'] {
  const runs = Object.values(task.ciRuns);
  const first = runs[0];
  if (!first) return { state: 'none', url: null };
  const failing = runs.find(
    (r) => r.status === 'completed' && !['success', 'neutral', 'skipped'].includes(r.conclusion ?? ''),
  );
  if (failing) return { state: 'failed', url: failing.url };
  if (runs.some((r) => r.status !== 'completed')) return { state: 'running', url: first.url };
  return { state: 'passed', url: first.url };
}

/** The dashboard's view of a task (no outbox, delivery ids or other internals). */
export function toTaskRow(task: Task): TaskRow {
  return {
    taskId: task.taskId,
    title: task.title,
    status: task.status,
    stage: task.stage,
    repo: task.repo ?? null,
    asanaUrl: task.asanaUrl ?? null,
    issue: task.issue ? { number: task.issue.number, url: task.issue.url } : null,
    pr: task.pr ? { number: task.pr.number, url: task.pr.url } : null,
    ci: ciSummary(task),
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

/** The task page's view: the row plus details, CI runs and pending effects. */
export function toTaskDetail(task: Task) {
  return {
    ...toTaskRow(task),
    asanaGid: task.asanaGid,
    notes: task.notes,
    autoTask: task.autoTask,
    workState: task.workState,
    asanaCompleted: task.asanaCompleted,
    repoOption: task.repoOption,
    issueRepo: task.issue?.repo ?? null,
    mergeSha: task.mergeSha ?? null,
    waitingReason: task.waitingReason ?? null,
    failureReason: task.failureReason ?? null,
    specVersion: task.specVersion,
    ciRuns: Object.entries(task.ciRuns).map(([workflow, run]) => ({ workflow, ...run })),
    pending: task.outbox.map((a) => ({
      actionId: a.actionId,
      kind: a.params.kind,
      createdAt: a.createdAt,
      heldReason: a.heldReason ?? null,
    })),
  };
}
