import { ciOutcome, isNewerRun, type CiOutcome } from './ci-outcome.js';
import { emit, note, setOptional, type Draft } from './emit.js';
import type { DomainEvent } from './events.js';
import { syncAsanaCompletion } from './intents.js';
import type { ProjectConfig } from './project-config.js';
import { sameRepo } from './resolve-repo.js';
import type { CiRun } from './task.js';
import { shortSha } from './time.js';
import { own } from './own.js';
import { fixForward } from './fix-forward.js';
import { isBuiltInEnabled } from './triggers/trigger-set.js';

type WorkflowRunEvent = Extract<DomainEvent, { type: 'github.workflow_run' }>;

/** Records a CI run on the merge commit (latest per workflow wins) and moves the task to what CI now says. */
export function applyWorkflowRun(d: Draft, e: WorkflowRunEvent, config: ProjectConfig): void {
  const t = d.task;
  const { mergeSha } = t;
  const { ciWorkflows } = config.github;
  if (!mergeSha || e.headSha !== mergeSha || !sameRepo(e.repo, t.issue?.repo ?? t.repo)) return;
  if (ciWorkflows.length > 0 && !ciWorkflows.includes(e.workflow)) return;
  const run: CiRun = {
    runId: e.runId,
    url: e.url,
    status: e.status,
    conclusion: e.conclusion,
    occurredAt: e.occurredAt,
  };
  const stored = own(t.ciRuns, e.workflow);
  if (stored && !isNewerRun(run, stored)) return;
  t.ciRuns = { ...t.ciRuns, [e.workflow]: run };
  applyOutcome(d, ciOutcome(t.ciRuns, ciWorkflows, mergeSha), mergeSha, config);
}

function applyOutcome(d: Draft, outcome: CiOutcome, mergeSha: string, config: ProjectConfig): void {
  const t = d.task;
  const was = { stage: t.stage, failureReason: t.failureReason, waitingReason: t.waitingReason };
  t.stage = outcome.stage;
  setOptional(t, 'waitingReason', outcome.stage === 'WAITING_CI' ? outcome.waitingReason : undefined);
  setOptional(t, 'failureReason', outcome.stage === 'FAILED' ? outcome.failureReason : undefined);
  if (outcome.stage === 'FAILED') {
    // Once per failing state: the reason names each failing run, so the same failure again is silent.
    if (was.stage === 'FAILED' && was.failureReason === outcome.failureReason) return;
    note(d, {
      source: 'github',
      kind: 'ci.failed',
      message: outcome.failureReason,
      links: runLinks(d, outcome.failing),
    });
    reportFailure(d, outcome.failing, outcome.failureReason);
    fixForward(d, outcome.failing, config);
    syncAsanaCompletion(d);
  } else if (outcome.stage === 'DEPLOYED') {
    if (was.stage === 'DEPLOYED') return;
    note(d, {
      source: 'github',
      kind: 'ci.passed',
      message: `CI green on ${shortSha(mergeSha)}: deployed`,
      ids: { mergeSha },
    });
    syncAsanaCompletion(d);
  } else if (was.stage !== 'WAITING_CI' || was.waitingReason !== outcome.waitingReason) {
    note(d, { source: 'github', kind: 'ci.waiting', message: outcome.waitingReason });
  }
}

/** Tells both sides CI failed: a comment on the issue and one on the Asana task (not while AutoTask is off). */
function reportFailure(d: Draft, failing: string[], reason: string): void {
  const t = d.task;
  const issue = t.issue;
  if (!t.autoTask || !issue || !isBuiltInEnabled(d.triggers, 'report-ci-failure')) return;
  const lines = failing.map((workflow) => {
    const run = own(t.ciRuns, workflow);
    return `- [${workflow}](${run?.url ?? ''}): ${run?.conclusion ?? 'unknown'}`;
  });
  const body = [
    `CI failed on the merge commit ${t.mergeSha ?? ''}:`,
    ...lines,
    '',
    'Auto-Flow will mark the task deployed once CI on this commit is green.',
  ].join('\n');
  emit(d, { kind: 'github.comment', repo: issue.repo, issueNumber: issue.number, body });
  emit(d, { kind: 'asana.comment', asanaGid: t.asanaGid, text: `${reason}. Issue: ${issue.url}` });
}

function runLinks(d: Draft, workflows: string[]): { label: string; url: string }[] {
  return workflows.flatMap((workflow) => {
    const run = own(d.task.ciRuns, workflow);
    return run ? [{ label: workflow, url: run.url }] : [];
  });
}
