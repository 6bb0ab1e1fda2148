import type { SandboxContext } from './context.js';
import type {
  AsanaWebhookRecord,
  CustomFieldRecord,
  EnumOptionRecord,
  StoryRecord,
  TaskRecord,
} from './state.js';

/** Who acts in the sandbox Asana: the token's owner (Auto-Flow) and a human using the control API. */
export const ASANA_USERS = {
  bot: { gid: '1200000000000010', resource_type: 'user', name: 'Auto-Flow Bot' },
  human: { gid: '1200000000000011', resource_type: 'user', name: 'Sandbox User' },
} as const;

/** A task's permalink: `.../0/{projectGid}/{taskGid}`, served by the sandbox. */
export function taskPermalink(ctx: SandboxContext, task: TaskRecord): string {
  return `${ctx.urls.base}/asana/0/${task.projectGid}/${task.gid}`;
}

/** An enum option as Asana embeds it. */
export function renderEnumOption(option: EnumOptionRecord): Record<string, unknown> {
  return {
    gid: option.gid,
    resource_type: 'enum_option',
    name: option.name,
    enabled: option.enabled,
    color: option.color,
  };
}

/** A custom field definition (`GET /custom_fields/{gid}`). */
export function renderCustomField(field: CustomFieldRecord): Record<string, unknown> {
  return {
    gid: field.gid,
    resource_type: 'custom_field',
    name: field.name,
    type: 'enum',
    resource_subtype: 'enum',
    enum_options: field.options.map(renderEnumOption),
    enabled: true,
    is_global_to_workspace: false,
    has_notifications_enabled: false,
  };
}

/** A custom field value as embedded in a task. */
function renderFieldValue(field: CustomFieldRecord, optionGid: string | null): Record<string, unknown> {
  const option = field.options.find((o) => o.gid === optionGid);
  return {
    gid: field.gid,
    resource_type: 'custom_field',
    name: field.name,
    type: 'enum',
    resource_subtype: 'enum',
    enum_options: field.options.map(renderEnumOption),
    enum_value: option ? renderEnumOption(option) : null,
    display_value: option?.name ?? null,
    text_value: null,
    enabled: true,
  };
}

/** A full task record (`GET /tasks/{gid}` without opt_fields). */
export function renderTask(ctx: SandboxContext, task: TaskRecord): Record<string, unknown> {
  const { asana } = ctx.store.data;
  const project = asana.projects[task.projectGid];
  const projectRef = { gid: task.projectGid, resource_type: 'project', name: project?.name ?? '' };
  const fields = Object.entries(task.fields).flatMap(([gid, value]) => {
    const field = asana.customFields[gid];
    return field ? [renderFieldValue(field, value)] : [];
  });
  return {
    gid: task.gid,
    resource_type: 'task',
    resource_subtype: 'default_task',
    name: task.name,
    notes: task.notes,
    html_notes: `<body>${escapeHtml(task.notes)}</body>`,
    completed: task.completed,
    completed_at: task.completedAt,
    created_at: task.createdAt,
    modified_at: task.modifiedAt,
    due_on: null,
    due_at: null,
    start_on: null,
    assignee: null,
    followers: [],
    parent: null,
    num_subtasks: 0,
    tags: [],
    projects: [projectRef],
    memberships: [{ project: projectRef, section: null }],
    workspace: { gid: asana.workspaceGid, resource_type: 'workspace', name: 'Sandbox Workspace' },
    permalink_url: taskPermalink(ctx, task),
    custom_fields: fields,
  };
}

/** A compact task (list endpoints without opt_fields). */
export function renderCompactTask(task: TaskRecord): Record<string, unknown> {
  return { gid: task.gid, resource_type: 'task', resource_subtype: 'default_task', name: task.name };
}

/** A story (comment or system) with its author and target task. */
export function renderStory(ctx: SandboxContext, story: StoryRecord): Record<string, unknown> {
  const task = ctx.store.data.asana.tasks[story.taskGid];
  return {
    gid: story.gid,
    resource_type: 'story',
    type: story.type,
    resource_subtype: story.subtype,
    text: story.text,
    created_at: story.createdAt,
    created_by: story.createdBy === 'bot' ? ASANA_USERS.bot : ASANA_USERS.human,
    target: { gid: story.taskGid, resource_type: 'task', name: task?.name ?? '' },
  };
}

/** A webhook as `GET /webhooks` returns it (never its secret). */
export function renderWebhook(ctx: SandboxContext, hook: AsanaWebhookRecord): Record<string, unknown> {
  const { projects, tasks } = ctx.store.data.asana;
  const name =
    hook.resourceType === 'project' ? projects[hook.resourceGid]?.name : tasks[hook.resourceGid]?.name;
  return {
    gid: hook.gid,
    resource_type: 'webhook',
    resource: { gid: hook.resourceGid, resource_type: hook.resourceType, name: name ?? '' },
    target: hook.target,
    active: hook.active,
    created_at: hook.createdAt,
    last_success_at: hook.lastSuccessAt,
    last_failure_at: hook.lastFailureAt,
    last_failure_content: hook.lastFailureContent,
    delivery_retry_count: 0,
    failure_deletion_timestamp: null,
    next_attempt_after: null,
    filters: hook.filters,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
