import Asana from 'asana';
import { PermanentIntegrationError } from '#core/errors.js';
import { AsanaTaskRecordSchema, type AsanaTaskRecord } from '#core/events.js';
import type { AsanaField, EnumOption, WorkAuthoring } from '#lambdas/console-ports.js';
import type { OnceOptions, WorkTracker } from '#lambdas/ports.js';
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

interface RawFieldDefinition {
  gid?: string;
  name?: string;
  type?: string;
  resource_subtype?: string;
  enum_options?: { gid: string; name: string; enabled?: boolean }[];
}

interface RawCustomField {
  gid: string;
  name?: string;
  type?: string;
  resource_subtype?: string;
  enum_value?: { gid: string; name: string } | null;
  text_value?: string | null;
}

/** Pages of 100 stories a comment's retry reads for its earlier attempt (a task's stories, oldest first). */
const MAX_STORY_PAGES = 5;

/** Asana tasks through the asana SDK; failures become Transient/PermanentIntegrationError. */
export class AsanaWorkTracker implements WorkTracker, WorkAuthoring {
  private readonly tasks: Asana.TasksApi;
  private readonly stories: Asana.StoriesApi;
  private readonly customFields: Asana.CustomFieldsApi;
  private readonly fieldSettings: Asana.CustomFieldSettingsApi;
  private readonly users: Asana.UsersApi;

  constructor(options: AsanaWorkTrackerOptions) {
    this.tasks = new Asana.TasksApi(options.client);
    this.stories = new Asana.StoriesApi(options.client);
    this.customFields = new Asana.CustomFieldsApi(options.client);
    this.fieldSettings = new Asana.CustomFieldSettingsApi(options.client);
    this.users = new Asana.UsersApi(options.client);
  }

  /** `GET /users/me`: the cheapest authenticated call; 401/403 mean the token no longer works. */
  async checkToken(): Promise<'ok' | 'invalid'> {
    try {
      await this.users.getUser('me', { opt_fields: 'gid' });
      return 'ok';
    } catch (error) {
      const status = asanaStatus(error);
      if (status === 401 || status === 403) return 'invalid';
      return translateAsanaError(error, 'check the token');
    }
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

  /** Posts `text` unless a comment with the same text was posted since `once.since` (a lost answer). */
  async comment(gid: string, text: string, once: OnceOptions): Promise<void> {
    try {
      if (await this.#hasComment(gid, text, Date.parse(once.since))) return;
      await this.stories.createStoryForTask({ data: { text } }, gid, { opt_fields: 'gid' });
    } catch (error) {
      translateAsanaError(error, `comment on task ${gid}`);
    }
  }

  /** Reads the task's stories (oldest first, at most MAX_STORY_PAGES pages) for a comment of `text`. */
  async #hasComment(gid: string, text: string, sinceMs: number): Promise<boolean> {
    let offset: string | undefined;
    for (let page = 0; page < MAX_STORY_PAGES; page++) {
      const opts = {
        limit: 100,
        opt_fields: 'resource_subtype,text,created_at',
        ...(offset !== undefined && { offset }),
      };
      const collection = (await this.stories.getStoriesForTask(gid, opts as { limit: number })) as {
        data?: { resource_subtype?: string; text?: string; created_at?: string }[];
        _response?: { next_page?: { offset?: string } | null };
      };
      const found = (collection.data ?? []).some(
        (s) =>
          s.resource_subtype === 'comment_added' &&
          s.text?.trim() === text.trim() &&
          s.created_at !== undefined &&
          Date.parse(s.created_at) >= sinceMs,
      );
      if (found) return true;
      offset = collection._response?.next_page?.offset ?? undefined;
      if (!offset) return false;
    }
    return false;
  }

  /** Creates a task in a project, choosing enum options by name (the console's "Create task"). */
  async createTask(input: {
    projectGid: string;
    name: string;
    notes: string;
    enumValues: Record<string, string>;
  }): Promise<{ gid: string; url?: string }> {
    const customFields: Record<string, string> = {};
    for (const [fieldGid, optionName] of Object.entries(input.enumValues)) {
      const options = await this.listEnumOptions(fieldGid);
      const option = options.find((o) => o.enabled && o.name.toLowerCase() === optionName.toLowerCase());
      if (!option)
        throw new PermanentIntegrationError(`Asana field ${fieldGid} has no option named "${optionName}"`);
      customFields[fieldGid] = option.gid;
    }
    let raw: { data?: { gid?: string; permalink_url?: string } };
    try {
      raw = (await this.tasks.createTask(
        {
          data: {
            name: input.name,
            notes: input.notes,
            projects: [input.projectGid],
            custom_fields: customFields,
          },
        },
        { opt_fields: 'gid,permalink_url' },
      )) as typeof raw;
    } catch (error) {
      return translateAsanaError(error, `create task in project ${input.projectGid}`);
    }
    const gid = raw.data?.gid;
    if (!gid) throw new PermanentIntegrationError('Asana created a task but returned no gid');
    return { gid, ...(raw.data?.permalink_url && { url: raw.data.permalink_url }) };
  }

  /**
   * One page (≤ 100) of the gids of a project's tasks modified since `since`. The filter is applied
   * here too, on `modified_at`, in case the server ignores `modified_since` on this endpoint.
   */
  async listModifiedTasks(
    projectGid: string,
    since: string,
    page?: string,
  ): Promise<{ gids: string[]; nextPage?: string }> {
    let collection: {
      data?: { gid?: string; modified_at?: string }[];
      _response?: { next_page?: { offset?: string } | null };
    };
    try {
      const opts = {
        modified_since: since,
        limit: 100,
        opt_fields: 'gid,modified_at',
        ...(page !== undefined && { offset: page }),
      };
      collection = (await this.tasks.getTasksForProject(
        projectGid,
        opts as { limit: number },
      )) as typeof collection;
    } catch (error) {
      return translateAsanaError(error, `list tasks of project ${projectGid}`);
    }
    const sinceMs = Date.parse(since);
    const gids = (collection.data ?? [])
      .filter((t) => t.gid && (!t.modified_at || Date.parse(t.modified_at) >= sinceMs))
      .map((t) => t.gid as string);
    const next = collection._response?.next_page?.offset;
    return { gids, ...(next && { nextPage: next }) };
  }

  /** The options of an enum custom field. */
  async listEnumOptions(fieldGid: string): Promise<EnumOption[]> {
    let raw: { data?: { enum_options?: { gid: string; name: string; enabled?: boolean }[] } };
    try {
      raw = (await this.customFields.getCustomField(fieldGid, {
        opt_fields: 'enum_options.gid,enum_options.name,enum_options.enabled',
      })) as typeof raw;
    } catch (error) {
      return translateAsanaError(error, `read custom field ${fieldGid}`);
    }
    return (raw.data?.enum_options ?? []).map((o) => ({
      gid: o.gid,
      name: o.name,
      enabled: o.enabled ?? true,
    }));
  }

  /** The custom fields of an Asana project, from its custom field settings. */
  async listProjectFields(projectGid: string): Promise<AsanaField[]> {
    let raw: { data?: { custom_field?: RawFieldDefinition }[] };
    try {
      raw = (await this.fieldSettings.getCustomFieldSettingsForProject(projectGid, {
        limit: 100,
        opt_fields: [
          'custom_field.gid',
          'custom_field.name',
          'custom_field.type',
          'custom_field.resource_subtype',
          'custom_field.enum_options.gid',
          'custom_field.enum_options.name',
          'custom_field.enum_options.enabled',
        ].join(','),
      })) as typeof raw;
    } catch (error) {
      return translateAsanaError(error, `list custom fields of project ${projectGid}`);
    }
    return (raw.data ?? []).flatMap(({ custom_field: f }) =>
      f?.gid
        ? [
            {
              gid: f.gid,
              name: f.name ?? f.gid,
              type: f.resource_subtype ?? f.type ?? 'unknown',
              options: (f.enum_options ?? []).map((o) => ({
                gid: o.gid,
                name: o.name,
                enabled: o.enabled ?? true,
              })),
            },
          ]
        : [],
    );
  }

  /** Adds an option to an enum custom field ("Sync repos to Asana field"). */
  async addEnumOption(fieldGid: string, name: string): Promise<EnumOption> {
    let raw: { data?: { gid: string; name: string; enabled?: boolean } };
    try {
      raw = (await this.customFields.createEnumOptionForCustomField(fieldGid, {
        body: { data: { name } },
        opt_fields: 'gid,name,enabled',
      })) as typeof raw;
    } catch (error) {
      return translateAsanaError(error, `add option ${name} to field ${fieldGid}`);
    }
    if (!raw.data) throw new PermanentIntegrationError('Asana added an option but returned none');
    return { gid: raw.data.gid, name: raw.data.name, enabled: raw.data.enabled ?? true };
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
