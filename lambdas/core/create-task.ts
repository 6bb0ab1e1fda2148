import { readAsanaFields } from './asana-fields.js';
import { noDecision, type DecideContext, type Decision } from './decision.js';
import { closeDraft, note, openDraft } from './emit.js';
import type { AsanaTaskRecord } from './events.js';
import { maybeCreateIssue } from './intents.js';
import type { ProjectConfig } from './project-config.js';
import { resolveRepo } from './resolve-repo.js';
import { specSnapshot } from './task-spec.js';
import { statusOf } from './status.js';
import type { Task } from './task.js';

/** Starts tracking an Asana task on its first snapshot; nothing when AutoTask is off or the task is completed. */
export function createFromSnapshot(
  record: AsanaTaskRecord,
  config: ProjectConfig,
  ctx: DecideContext,
): Decision {
  const fields = readAsanaFields(record, config);
  if (!fields.autoTask || record.completed) return noDecision(undefined);
  const repo = resolveRepo(fields.repoOption, config);
  const base: Task = {
    projectId: config.projectId,
    taskId: ctx.taskId,
    asanaGid: record.gid,
    title: record.name,
    notes: record.notes,
    autoTask: fields.autoTask,
    workState: fields.workState,
    asanaCompleted: record.completed,
    asanaModifiedAt: record.modifiedAt,
    repoOption: fields.repoOption,
    stage: 'RECEIVED',
    status: 'RECEIVED',
    ciRuns: {},
    completedByAutoFlow: false,
    autoDisabledLabel: false,
    issueClosed: false,
    outbox: [],
    actionSeq: 0,
    specVersion: 1,
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ...(record.permalinkUrl !== undefined && { asanaUrl: record.permalinkUrl }),
    ...(repo !== undefined && { repo }),
  };
  const task: Task = { ...base, status: statusOf(base) };
  const d = openDraft(undefined, task, ctx.now, ctx.triggers);
  note(d, {
    source: 'asana',
    kind: 'task.received',
    message: `Task received from Asana: ${record.name}`,
    ...(task.asanaUrl !== undefined && { links: [{ label: 'Asana task', url: task.asanaUrl }] }),
    ids: { asanaGid: record.gid, taskId: ctx.taskId },
    spec: specSnapshot(task, ['title', 'notes']),
  });
  maybeCreateIssue(d, config);
  return closeDraft(d);
}
