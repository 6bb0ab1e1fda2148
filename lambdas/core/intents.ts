import { emit, hasPending, note, type Draft } from './emit.js';
import type { ProjectConfig } from './project-config.js';
import { renderTaskSpec, taskMarker } from './task-spec.js';
import { isBuiltInEnabled } from './triggers/trigger-set.js';

/** Emits create_issue when the task may have an issue and has none, none on the way, and is still RECEIVED. */
export function maybeCreateIssue(d: Draft, config: ProjectConfig): void {
  const t = d.task;
  if (t.issue || hasPending(t, 'github.create_issue') || t.stage !== 'RECEIVED') return;
  if (!t.autoTask || !t.repo || t.workState === 'CANCELLED') return;
  const spec = renderTaskSpec(t, config);
  emit(d, {
    kind: 'github.create_issue',
    repo: t.repo,
    title: spec.title,
    body: spec.body,
    labels: [...config.github.issueLabels],
    marker: taskMarker(t.taskId),
  });
  note(d, { source: 'autoflow', kind: 'issue.requested', message: `Creating the GitHub issue in ${t.repo}` });
}

/** AutoTask is off: label the open issue and say syncing stopped (the one effect allowed while disabled). */
export function disableSync(d: Draft, config: ProjectConfig): void {
  const t = d.task;
  const issue = t.issue;
  if (t.autoTask || !issue || t.issueClosed || t.autoDisabledLabel || t.stage === 'DEPLOYED') return;
  if (hasPending(t, 'github.close_issue')) return;
  const label = config.github.autoDisabledLabel;
  emit(d, { kind: 'github.label', repo: issue.repo, issueNumber: issue.number, add: [label], remove: [] });
  emit(d, {
    kind: 'github.comment',
    repo: issue.repo,
    issueNumber: issue.number,
    body: `AutoTask was turned off in Asana, so Auto-Flow stopped syncing this issue (labelled \`${label}\`). Turn AutoTask on again to resume.`,
  });
  t.autoDisabledLabel = true;
}

/** AutoTask is on again: remove the auto-disabled label and say syncing resumed. */
export function enableSync(d: Draft, config: ProjectConfig): void {
  const t = d.task;
  const issue = t.issue;
  if (!t.autoTask || !t.autoDisabledLabel || !issue) return;
  const label = config.github.autoDisabledLabel;
  emit(d, { kind: 'github.label', repo: issue.repo, issueNumber: issue.number, add: [], remove: [label] });
  emit(d, {
    kind: 'github.comment',
    repo: issue.repo,
    issueNumber: issue.number,
    body: 'AutoTask on again; syncing resumed.',
  });
  t.autoDisabledLabel = false;
}

/** The task is cancelled: close its open issue as not planned (never twice, never while AutoTask is off). */
export function closeIfCancelled(d: Draft): void {
  const t = d.task;
  if (!isBuiltInEnabled(d.triggers, 'close-cancelled')) return;
  const issue = t.issue;
  if (!t.autoTask || t.workState !== 'CANCELLED' || !issue || t.issueClosed || t.stage === 'DEPLOYED') return;
  if (hasPending(t, 'github.close_issue')) return;
  emit(d, { kind: 'github.close_issue', repo: issue.repo, issueNumber: issue.number, reason: 'not_planned' });
}

/** Brings Asana's completion in line with CI: complete when DEPLOYED, reopen when FAILED after Auto-Flow completed it. */
export function syncAsanaCompletion(d: Draft): void {
  const t = d.task;
  if (!t.autoTask) return;
  if (t.stage === 'DEPLOYED' && !t.asanaCompleted && !hasPending(t, 'asana.complete_task')) {
    emit(d, { kind: 'asana.complete_task', asanaGid: t.asanaGid });
  } else if (
    t.stage === 'FAILED' &&
    t.asanaCompleted &&
    t.completedByAutoFlow &&
    !hasPending(t, 'asana.reopen_task')
  ) {
    emit(d, { kind: 'asana.reopen_task', asanaGid: t.asanaGid });
  }
}
