import type { AsanaCustomField, AsanaTaskRecord } from './events.js';
import type { ProjectConfig } from './project-config.js';
import type { WorkState } from './task.js';
import { own } from './own.js';

/** What Auto-Flow reads from an Asana task's custom fields. */
export interface AsanaFields {
  autoTask: boolean;
  repoOption: string | null;
  workState: WorkState;
}

const ENABLED_WORDS = new Set(['yes', 'true', 'on', 'enabled']);

/** Reads AutoTask, the Repo option and the mapped status from a task's custom fields (by configured gid). */
export function readAsanaFields(record: AsanaTaskRecord, config: ProjectConfig): AsanaFields {
  const { fields, statusMap } = config.asana;
  const autoTask = valueOf(fieldByGid(record, fields.autoTask));
  const repoOption = valueOf(fieldByGid(record, fields.repo));
  const status = valueOf(fieldByGid(record, fields.status));
  return {
    autoTask: autoTask !== null && ENABLED_WORDS.has(autoTask.toLowerCase()),
    repoOption,
    workState: status === null ? 'ACTIVE' : mapStatus(status, statusMap),
  };
}

function fieldByGid(record: AsanaTaskRecord, gid: string): AsanaCustomField | undefined {
  return record.customFields.find((field) => field.gid === gid);
}

/** The enum option name, else the text value; trimmed, and null when empty or unset. */
function valueOf(field: AsanaCustomField | undefined): string | null {
  const raw = field?.enumValue?.name ?? field?.textValue ?? null;
  const value = raw?.trim() ?? '';
  return value === '' ? null : value;
}

function mapStatus(option: string, statusMap: Record<string, WorkState>): WorkState {
  const exact = own(statusMap, option);
  if (exact) return exact;
  const key = Object.keys(statusMap).find((name) => name.toLowerCase() === option.toLowerCase());
  return (key && own(statusMap, key)) || 'ACTIVE';
}
