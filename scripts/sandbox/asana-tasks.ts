import { asanaTime, type SandboxContext } from './context.js';
import { SandboxError } from './errors.js';
import { emitAsanaEvents, taskEvent, type AsanaEvent } from './asana-events.js';
import type { StoryRecord, TaskRecord } from './state.js';

type Actor = 'bot' | 'human';

/** The task, or Asana's 404. */
export function requireTask(ctx: SandboxContext, gid: string): TaskRecord {
  const task = ctx.store.data.asana.tasks[gid];
  if (!task) throw new SandboxError(404, `Unknown object: ${gid}`);
  return task;
}

/** Checks that each field belongs to the project and each option to its field. */
export function checkFieldValues(
  ctx: SandboxContext,
  projectGid: string,
  values: Record<string, string | null>,
): void {
  const project = ctx.store.data.asana.projects[projectGid];
  const allowed = project ? Object.values(project.fields) : [];
  for (const [fieldGid, optionGid] of Object.entries(values)) {
    const field = ctx.store.data.asana.customFields[fieldGid];
    if (!field || !allowed.includes(fieldGid))
      throw new SandboxError(400, `custom_fields: Custom field ${fieldGid} is not on this task's project`);
    if (optionGid !== null && !field.options.some((o) => o.gid === optionGid)) {
      throw new SandboxError(
        400,
        `custom_fields: enum option ${optionGid} is not an option of ${field.name}`,
      );
    }
  }
}

/** Creates a task in a project and emits `added` (parent: the project). */
export function createTask(
  ctx: SandboxContext,
  input: {
    projectGid: string;
    name: string;
    notes: string;
    completed?: boolean;
    fields: Record<string, string | null>;
  },
  actor: Actor,
): TaskRecord {
  const project = ctx.store.data.asana.projects[input.projectGid];
  if (!project) throw new SandboxError(400, `projects: Not a recognized ID: ${input.projectGid}`);
  checkFieldValues(ctx, input.projectGid, input.fields);
  const now = asanaTime();
  const task: TaskRecord = {
    gid: ctx.store.nextGid(),
    projectGid: input.projectGid,
    name: input.name,
    notes: input.notes,
    completed: input.completed ?? false,
    completedAt: input.completed ? now : null,
    createdAt: now,
    modifiedAt: now,
    fields: Object.fromEntries(Object.values(project.fields).map((gid) => [gid, input.fields[gid] ?? null])),
  };
  ctx.store.data.asana.tasks[task.gid] = task;
  ctx.store.touch();
  emitAsanaEvents(ctx, [
    taskEvent(task.gid, 'added', actor, { parent: { gid: project.gid, resource_type: 'project' } }),
  ]);
  return task;
}

export interface TaskChange {
  name?: string;
  notes?: string;
  completed?: boolean;
  /** Custom field gid → enum option gid (null clears). */
  fields?: Record<string, string | null>;
}

/** Applies a change; emits one `changed` event per field that actually changed. */
export function changeTask(ctx: SandboxContext, gid: string, change: TaskChange, actor: Actor): TaskRecord {
  const task = requireTask(ctx, gid);
  if (change.fields) checkFieldValues(ctx, task.projectGid, change.fields);
  const events: AsanaEvent[] = [];
  const changed = (field: string, newValue?: unknown): void => {
    events.push(
      taskEvent(gid, 'changed', actor, {
        change: { field, action: 'changed', ...(newValue ? { new_value: newValue } : {}) },
      }),
    );
  };
  for (const key of ['name', 'notes'] as const) {
    const value = change[key];
    if (value !== undefined && value !== task[key]) {
      task[key] = value;
      changed(key);
    }
  }
  if (change.completed !== undefined && change.completed !== task.completed) {
    task.completed = change.completed;
    task.completedAt = change.completed ? asanaTime() : null;
    changed('completed');
    addStoryRecord(
      ctx,
      gid,
      'system',
      change.completed ? 'marked_complete' : 'marked_incomplete',
      change.completed ? 'marked this task complete' : 'marked this task incomplete',
      actor,
    );
  }
  for (const [fieldGid, optionGid] of Object.entries(change.fields ?? {})) {
    if (task.fields[fieldGid] === optionGid) continue;
    task.fields[fieldGid] = optionGid;
    const enumValue = optionGid ? { gid: optionGid, resource_type: 'enum_option' } : null;
    changed('custom_fields', {
      gid: fieldGid,
      resource_type: 'custom_field',
      resource_subtype: 'enum',
      enum_value: enumValue,
    });
  }
  if (events.length === 0) return task;
  task.modifiedAt = nextModifiedAt(task.modifiedAt);
  ctx.store.touch();
  emitAsanaEvents(ctx, events);
  return task;
}

/** Adds a comment (or system story) and emits a story `added` event (parent: the task). */
export function addStory(ctx: SandboxContext, gid: string, text: string, actor: Actor): StoryRecord {
  requireTask(ctx, gid);
  const story = addStoryRecord(ctx, gid, 'comment', 'comment_added', text, actor);
  const event = taskEvent(gid, 'added', actor, {
    parent: { gid, resource_type: 'task', resource_subtype: 'default_task' },
  });
  emitAsanaEvents(ctx, [
    { ...event, resource: { gid: story.gid, resource_type: 'story', resource_subtype: 'comment_added' } },
  ]);
  return story;
}

/** Deletes a task and emits `deleted`. */
export function deleteTask(ctx: SandboxContext, gid: string, actor: Actor): void {
  requireTask(ctx, gid);
  const event = taskEvent(gid, 'deleted', actor);
  emitAsanaEvents(ctx, [event]);
  delete ctx.store.data.asana.tasks[gid];
  ctx.store.touch();
}

function addStoryRecord(
  ctx: SandboxContext,
  taskGid: string,
  type: StoryRecord['type'],
  subtype: string,
  text: string,
  actor: Actor,
): StoryRecord {
  const story: StoryRecord = {
    gid: ctx.store.nextGid(),
    taskGid,
    type,
    subtype,
    text,
    createdBy: actor,
    createdAt: asanaTime(),
  };
  ctx.store.data.asana.stories.push(story);
  ctx.store.touch();
  return story;
}

/** modified_at strictly increases, even for two changes within one millisecond. */
function nextModifiedAt(previous: string): string {
  return asanaTime(Math.max(Date.now(), Date.parse(previous) + 1));
}
