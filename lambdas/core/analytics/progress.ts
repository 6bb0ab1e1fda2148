import { z } from 'zod';
import type { Task, TaskStatus } from '../task.js';
import type { TimelineEntry } from '../timeline.js';

/** The funnel, in order: each stage a task may reach once (counted once, whatever replays). */
export const FunnelStageSchema = z.enum(['AUTOTASK', 'ISSUE', 'PR', 'MERGE', 'CI_SUCCESS', 'DEPLOYED']);
export type FunnelStage = z.infer<typeof FunnelStageSchema>;
export const FUNNEL_STAGES = FunnelStageSchema.options;

/** The timeline entries that mark a stage as reached. */
const STAGE_OF_KIND: Record<string, FunnelStage> = {
  'task.received': 'AUTOTASK',
  'issue.created': 'ISSUE',
  'github.pr_linked': 'PR',
  'console.pr_linked': 'PR',
  'github.pr_merged': 'MERGE',
  'ci.passed': 'CI_SUCCESS',
};

/** What one applied transition adds to a project's analytics. */
export interface TaskProgress {
  projectId: string;
  taskId: string;
  /** UTC day the task became an AutoTask: the funnel cohort its stages count under. */
  cohortDay: string;
  /** The status move, when the transition changed the status (`from` absent for a new task). */
  status?: { from?: TaskStatus; to: TaskStatus };
  /** Stages the entries mark as reached (the store counts each once per task). */
  stages: FunnelStage[];
  /** Failures the entries record, with the UTC day they happened. */
  failures: { reason: string; day: string }[];
  /** AutoTask-to-DEPLOYED duration, when this transition deployed the task. */
  leadTime?: { ms: number; day: string };
}

/** The UTC day (`YYYY-MM-DD`) of an ISO timestamp. */
export function dayOf(at: string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * A failure's reason with its instance details left out (SHAs, numbers), so reasons group: CI failures
 * by failing workflow, effects by action kind. Undefined when the entry is not a failure.
 */
export function failureReasonOf(entry: TimelineEntry): string | undefined {
  if (entry.kind === 'ci.failed') {
    const workflows = (entry.links ?? []).map((l) => l.label).sort();
    return workflows.length > 0 ? `CI failed: ${workflows.join(', ')}` : 'CI failed';
  }
  if (entry.kind === 'effect.failed' || entry.kind === 'effect.denied') {
    const action = entry.message.split(' ')[0] ?? 'effect';
    return entry.kind === 'effect.denied' ? `${action} denied by policy` : `${action} failed`;
  }
  return undefined;
}

/** Stages a task's fields prove reached (a merge event may link and merge the PR at once, with no link entry). */
const STAGE_OF_STATE: [FunnelStage, (t: Task) => boolean][] = [
  ['AUTOTASK', () => true],
  ['ISSUE', (t) => t.issue !== undefined],
  ['PR', (t) => t.pr !== undefined],
  ['MERGE', (t) => t.mergeSha !== undefined],
  // DEPLOYED is only ever reached through green CI on the merge commit.
  ['CI_SUCCESS', (t) => t.stage === 'DEPLOYED'],
  ['DEPLOYED', (t) => t.stage === 'DEPLOYED'],
];

/**
 * Reads what one applied transition (before → after, with the timeline it wrote) means for analytics.
 * A stage is reached when an entry marks it or when the task's fields newly show it.
 */
export function progressOf(before: Task | undefined, after: Task, entries: TimelineEntry[]): TaskProgress {
  const stages = new Set<FunnelStage>();
  const failures: TaskProgress['failures'] = [];
  let deployedAt: string | undefined;
  for (const [stage, shows] of STAGE_OF_STATE)
    if (shows(after) && !(before && shows(before))) stages.add(stage);
  for (const entry of entries) {
    const stage = STAGE_OF_KIND[entry.kind];
    if (stage) stages.add(stage);
    if (entry.to === 'DEPLOYED') {
      stages.add('DEPLOYED');
      deployedAt ??= entry.at;
    }
    const reason = failureReasonOf(entry);
    if (reason) failures.push({ reason, day: dayOf(entry.at) });
  }
  const progress: TaskProgress = {
    projectId: after.projectId,
    taskId: after.taskId,
    cohortDay: dayOf(after.createdAt),
    stages: FUNNEL_STAGES.filter((s) => stages.has(s)),
    failures,
  };
  if (before?.status !== after.status)
    progress.status = { ...(before && { from: before.status }), to: after.status };
  if (deployedAt !== undefined && before?.stage !== 'DEPLOYED')
    progress.leadTime = { ms: Date.parse(deployedAt) - Date.parse(after.createdAt), day: dayOf(deployedAt) };
  return progress;
}

/** True when a transition adds nothing to the analytics (no write needed). */
export function isEmptyProgress(p: TaskProgress): boolean {
  return !p.status && p.stages.length === 0 && p.failures.length === 0 && !p.leadTime;
}
