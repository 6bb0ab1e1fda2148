import { asanaTime, type SandboxContext } from './context.js';
import { SandboxError } from './errors.js';
import type { CustomFieldRecord, EnumOptionRecord, ProjectRecord } from './state.js';

const COLORS = ['green', 'red', 'orange', 'yellow-orange', 'blue', 'purple', 'cool-gray'];

/** Field names of a seeded project. */
export const FIELD_NAMES = { autoTask: 'AutoTask', repo: 'Repo', status: 'Status' } as const;

/** Seeds a project with its AutoTask (Yes/No), Repo (owner/repo options) and Status enum fields. */
export function seedProject(
  ctx: SandboxContext,
  input: { gid?: string; name: string; repos: string[]; statuses: string[] },
): ProjectRecord {
  const { asana } = ctx.store.data;
  const gid = input.gid ?? ctx.store.nextGid();
  if (asana.projects[gid]) throw new SandboxError(409, `project ${gid} already exists`);
  const field = (name: string, options: string[]): string => {
    const record: CustomFieldRecord = { gid: ctx.store.nextGid(), name, options: [] };
    asana.customFields[record.gid] = record;
    for (const option of options) addEnumOption(ctx, record.gid, { name: option });
    return record.gid;
  };
  const project: ProjectRecord = {
    gid,
    name: input.name,
    fields: {
      autoTask: field(FIELD_NAMES.autoTask, ['Yes', 'No']),
      repo: field(FIELD_NAMES.repo, input.repos),
      status: field(FIELD_NAMES.status, input.statuses),
    },
    createdAt: asanaTime(),
  };
  asana.projects[gid] = project;
  ctx.store.touch();
  return project;
}

/** The custom field, or Asana's 404. */
export function requireField(ctx: SandboxContext, gid: string): CustomFieldRecord {
  const field = ctx.store.data.asana.customFields[gid];
  if (!field) throw new SandboxError(404, `Unknown object: ${gid}`);
  return field;
}

/** Adds an enum option (names are unique per field in the sandbox, to keep Repo options unambiguous). */
export function addEnumOption(
  ctx: SandboxContext,
  fieldGid: string,
  input: { name: string; color?: string; enabled?: boolean },
): EnumOptionRecord {
  const field = requireField(ctx, fieldGid);
  if (field.options.some((o) => o.name === input.name))
    throw new SandboxError(400, `name: An enum option named "${input.name}" already exists`);
  const option: EnumOptionRecord = {
    gid: ctx.store.nextGid(),
    name: input.name,
    enabled: input.enabled ?? true,
    color: input.color ?? COLORS[field.options.length % COLORS.length] ?? 'none',
  };
  field.options.push(option);
  ctx.store.touch();
  return option;
}

/** The option gid of `name` on a project's field (400 listing the valid names otherwise). */
export function optionGid(
  ctx: SandboxContext,
  project: ProjectRecord,
  field: keyof ProjectRecord['fields'],
  name: string,
): string {
  const record = requireField(ctx, project.fields[field]);
  const option = record.options.find((o) => o.name === name);
  if (!option)
    throw new SandboxError(
      400,
      `${field}: "${name}" is not an option of ${record.name} (options: ${record.options.map((o) => o.name).join(', ') || 'none'})`,
    );
  return option.gid;
}
