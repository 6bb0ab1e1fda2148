import Asana from 'asana';
import { PermanentIntegrationError } from '#core/errors.js';
import { AsanaTaskRecordSchema, type AsanaTaskRecord } from '#core/events.js';
import type { WorkTracker } from '#lambdas/ports.js';
import { asanaStatus, translateAsanaError } from './errors.js';

/** Only what AsanaTaskRecord needs (Asana bills nothing for fields, but payloads stay small). */
const TASK_FIELDS = [
  'gid',
  'name',
  'notes',
  'completed',
  'modified_at',
  'permalink_url',
  'custom_fields.gid',
  'custom_fields.name',
  'custom_fields.type',
  'custom_fields.resource_subtype',
  'custom_fields.enum_value.gid',
  'custom_fields.enum_value.name',
  'custom_fields.text_value',
].join(',');

export interface AsanaWorkTrackerOptions {
  /** Built by `createAsanaClient` (base path, token, timeout). */
  client: Asana.ApiClient;
}

interface RawCustomField {
  gid: string;
  name?: string;
  type?: string;
  resource_subtype?: string;
  enum_value?: { gid: string; name: string } | null;
  text_value?: string | null;
}

/** Asana tasks through the asana SDK; failures become Transient/PermanentIntegrationError. */
export class AsanaWorkTracker implements WorkTracker {
  private readonly tasks: Asana.TasksApi;
  private readonly stories: Asana.StoriesApi;

  constructor(options: AsanaWorkTrackerOptions) {
    this.tasks = new Asana.TasksApi(options.client);
    this.stories = new Asana.StoriesApi(options.client);
  }

  async getTask(gid: string): Promise<AsanaTaskRecord | undefined> {
    let raw: { data?: Record<string, unknown> };
    try {
      raw = (await this.tasks.getTask(gid, { opt_fields: TASK_FIELDS })) as typeof raw;
    } catch (error) {
      if (asanaStatus(error) === 404) return undefined;
      return translateAsanaError(error, `get task ${gid}`);
    }
    return toRecord(raw.data ?? {});
  }

  async completeTask(gid: string): Promise<void> {
    await this.update(gid, { completed: true }, 'complete');
  }

  async reopenTask(gid: string): Promise<void> {
    await this.update(gid, { completed: false }, 'reopen');
  }

  async comment(gid: string, text: string): Promise<void> {
    try {
      await this.stories.createStoryForTask({ data: { text } }, gid, { opt_fields: 'gid' });
    } catch (error) {
      translateAsanaError(error, `comment on task ${gid}`);
    }
  }

  private async update(gid: string, data: Record<string, unknown>, verb: string): Promise<void> {
    try {
      await this.tasks.updateTask({ data }, gid, { opt_fields: 'gid' });
    } catch (error) {
      translateAsanaError(error, `${verb} task ${gid}`);
    }
  }
}

function toRecord(task: Record<string, unknown>): AsanaTaskRecord {
  const fields = (Array.isArray(task.custom_fields) ? task.custom_fields : []) as RawCustomField[];
  const parsed = AsanaTaskRecordSchema.safeParse({
    gid: task.gid,
    name: task.name ?? '',
    notes: task.notes ?? '',
    completed: task.completed ?? false,
    modifiedAt: task.modified_at,
    permalinkUrl: task.permalink_url ?? undefined,
    customFields: fields.map((f) => ({
      gid: f.gid,
      name: f.name,
      type: f.type ?? f.resource_subtype,
      enumValue: f.enum_value ? { gid: f.enum_value.gid, name: f.enum_value.name } : null,
      textValue: f.text_value ?? null,
    })),
  });
  if (!parsed.success)
    throw new PermanentIntegrationError(
      `Asana returned a task Auto-Flow cannot read: ${parsed.error.message}`,
      { cause: parsed.error },
    );
  return parsed.data;
}
