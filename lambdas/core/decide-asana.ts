import { readAsanaFields } from './asana-fields.js';
import { hasPending, note, setOptional, type Draft } from './emit.js';
import type { AsanaTaskRecord } from './events.js';
import {
  closeIfCancelled,
  disableSync,
  enableSync,
  maybeCreateIssue,
  syncAsanaCompletion,
} from './intents.js';
import type { ProjectConfig } from './project-config.js';
import { resolveRepo } from './resolve-repo.js';
import { specSnapshot } from './task-spec.js';
import type { Task, WorkState } from './task.js';
import { isBefore, laterOf } from './time.js';

const WORK_STATE_NOTES: Record<WorkState, string> = {
  ACTIVE: 'Active again in Asana',
  BLOCKED: 'Blocked in Asana (marked only; work goes on)',
  CANCELLED: 'Cancelled in Asana',
};

/** Applies a newer Asana snapshot to a tracked task, then the effects its changes call for. */
export function applySnapshot(d: Draft, record: AsanaTaskRecord, config: ProjectConfig): void {
  const t = d.task;
  if (record.gid !== t.asanaGid || isBefore(record.modifiedAt, t.asanaModifiedAt)) return;
  const was: Task = { ...t };
  const fields = readAsanaFields(record, config);
  Object.assign(t, {
    title: record.name,
    notes: record.notes,
    asanaCompleted: record.completed,
    asanaModifiedAt: record.modifiedAt,
    autoTask: fields.autoTask,
    workState: fields.workState,
    repoOption: fields.repoOption,
  });
  if (record.permalinkUrl !== undefined) t.asanaUrl = record.permalinkUrl;
  noteDetails(d, was);
  applyRepo(d, was, config);
  if (was.autoTask && !t.autoTask) {
    note(d, {
      source: 'asana',
      kind: 'asana.auto_task_off',
      message: 'AutoTask turned off in Asana: syncing stopped',
    });
    disableSync(d, config);
  }
  if (!was.autoTask && t.autoTask) {
    note(d, {
      source: 'asana',
      kind: 'asana.auto_task_on',
      message: 'AutoTask turned on in Asana: syncing resumed',
    });
    enableSync(d, config);
    closeIfCancelled(d);
    syncAsanaCompletion(d);
  }
  if (was.workState !== t.workState) {
    note(d, { source: 'asana', kind: 'asana.work_state', message: WORK_STATE_NOTES[t.workState] });
    closeIfCancelled(d);
  }
  maybeCreateIssue(d, config);
}

/** The Asana task was deleted: treat it as cancelled (unless a newer snapshot says otherwise). */
export function applyDeleted(d: Draft, asanaGid: string, occurredAt: string): void {
  const t = d.task;
  if (asanaGid !== t.asanaGid || isBefore(occurredAt, t.asanaModifiedAt)) return;
  t.asanaModifiedAt = laterOf(t.asanaModifiedAt, occurredAt);
  if (t.workState === 'CANCELLED') return;
  t.workState = 'CANCELLED';
  note(d, { source: 'asana', kind: 'asana.deleted', message: 'Task deleted in Asana: treated as cancelled' });
  closeIfCancelled(d);
}

function noteDetails(d: Draft, was: Task): void {
  const t = d.task;
  if (was.title !== t.title || was.notes !== t.notes) {
    t.specVersion += 1;
    const changed = [
      ...(was.title !== t.title ? ['title' as const] : []),
      ...(was.notes !== t.notes ? ['notes' as const] : []),
    ];
    note(d, {
      source: 'asana',
      kind: 'asana.details_changed',
      message: `Title or description changed in Asana (spec v${t.specVersion})`,
      spec: specSnapshot(t, changed),
    });
  }
  if (was.asanaCompleted !== t.asanaCompleted) {
    const message = t.asanaCompleted ? 'Completed in Asana' : 'Reopened in Asana';
    note(d, { source: 'asana', kind: 'asana.completion', message });
  }
}

/** Re-resolves the repo while no issue exists or is on the way; afterwards the issue stays where it is. */
function applyRepo(d: Draft, was: Task, config: ProjectConfig): void {
  const t = d.task;
  const option = t.repoOption ?? 'none';
  if (t.issue || hasPending(t, 'github.create_issue')) {
    if (was.repoOption === t.repoOption) return;
    const home = t.issue?.repo ?? t.repo;
    note(d, {
      source: 'asana',
      kind: 'asana.repo_changed',
      message: `Repo changed in Asana to ${option}; the issue stays in ${home}`,
    });
    return;
  }
  setOptional(t, 'repo', resolveRepo(t.repoOption, config));
  if (was.repo === t.repo) return;
  const message = t.repo
    ? `Repo resolved to ${t.repo}`
    : `Repo option ${option} does not resolve to a configured repository`;
  note(d, { source: 'asana', kind: 'asana.repo_changed', message });
}
