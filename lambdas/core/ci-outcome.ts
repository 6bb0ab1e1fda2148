import type { CiRun } from './task.js';
import { compareTimes, shortSha } from './time.js';
import { own } from './own.js';

/** Where CI on the merge commit leaves a task, with the reason shown for waiting or failure. */
export type CiOutcome =
  | { stage: 'WAITING_CI'; waitingReason: string }
  | { stage: 'DEPLOYED' }
  | { stage: 'FAILED'; failureReason: string; failing: string[] };

const FAILING = new Set(['failure', 'timed_out', 'cancelled', 'startup_failure', 'stale']);
const PASSING = new Set(['success', 'neutral']);

/** Derives the CI outcome from the latest run per workflow; required = `ciWorkflows`, or every workflow seen. */
export function ciOutcome(ciRuns: Record<string, CiRun>, ciWorkflows: string[], mergeSha: string): CiOutcome {
  const required = ciWorkflows.length > 0 ? [...ciWorkflows].sort() : Object.keys(ciRuns).sort();
  const runs = required.map((workflow) => ({ workflow, run: own(ciRuns, workflow) }));
  const completed = (run: CiRun | undefined): run is CiRun => run?.status === 'completed';
  const failing = runs.flatMap(({ workflow, run }) =>
    completed(run) && FAILING.has(run.conclusion ?? '') ? [{ workflow, run }] : [],
  );
  if (failing.length > 0) {
    const list = failing
      .map(({ workflow, run }) => `${workflow} (${run.conclusion}, run ${run.runId})`)
      .join(', ');
    return {
      stage: 'FAILED',
      failureReason: `CI failed on ${shortSha(mergeSha)}: ${list}`,
      failing: failing.map((f) => f.workflow),
    };
  }
  if (runs.length > 0 && runs.every(({ run }) => completed(run) && PASSING.has(run.conclusion ?? '')))
    return { stage: 'DEPLOYED' };
  if (runs.length === 0)
    return { stage: 'WAITING_CI', waitingReason: `Waiting for CI on ${shortSha(mergeSha)}` };
  const reasons = runs.flatMap(({ workflow, run }) => {
    if (!run) return [`waiting for ${workflow}`];
    if (!completed(run)) return [`CI running: ${workflow}`];
    if (PASSING.has(run.conclusion ?? '')) return [];
    if (run.conclusion === 'action_required') return [`${workflow} waits for approval`];
    return [`${workflow} concluded ${run.conclusion ?? 'without a conclusion'}`];
  });
  return { stage: 'WAITING_CI', waitingReason: reasons.join('; ') };
}

/** True when `candidate` should replace `stored`: later occurredAt wins; ties are broken deterministically. */
export function isNewerRun(candidate: CiRun, stored: CiRun): boolean {
  const byTime = compareTimes(candidate.occurredAt, stored.occurredAt);
  if (byTime !== 0) return byTime > 0;
  const done = Number(candidate.status === 'completed') - Number(stored.status === 'completed');
  if (done !== 0) return done > 0;
  if (candidate.runId !== stored.runId) return candidate.runId > stored.runId;
  return (candidate.conclusion ?? '') > (stored.conclusion ?? '');
}
