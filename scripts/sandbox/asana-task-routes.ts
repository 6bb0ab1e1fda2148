import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from './context.js';
import { SandboxError } from './errors.js';
import { asanaBody, asanaValid, optFields, selectFields } from './asana-http.js';
import { addEnumOption, requireField } from './asana-projects.js';
import {
  renderCompactTask,
  renderCustomField,
  renderEnumOption,
  renderStory,
  renderTask,
} from './asana-render.js';
import { addStory, changeTask, createTask, requireTask } from './asana-tasks.js';

const customFields = z.record(z.string(), z.string().nullable());

const UpdateTaskSchema = z.strictObject({
  name: z.string().optional(),
  notes: z.string().optional(),
  completed: z.boolean().optional(),
  custom_fields: customFields.optional(),
});

const CreateTaskSchema = z.strictObject({
  name: z.string().default(''),
  notes: z.string().default(''),
  completed: z.boolean().optional(),
  projects: z.array(z.string()).min(1, 'A task must be in a project in the sandbox'),
  custom_fields: customFields.optional(),
});

const StorySchema = z
  .strictObject({ text: z.string().min(1).optional(), html_text: z.string().min(1).optional() })
  .refine((s) => s.text ?? s.html_text, {
    message: 'text: Missing input',
  });

const EnumOptionSchema = z.strictObject({
  name: z.string().min(1),
  color: z.string().optional(),
  enabled: z.boolean().optional(),
  insert_before: z.string().optional(),
  insert_after: z.string().optional(),
});

const ListQuery = z.object({
  modified_since: z.iso.datetime({ offset: true }).optional(),
  completed_since: z.union([z.literal('now'), z.iso.datetime({ offset: true })]).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.string().optional(),
});

/** Asana's tasks, stories, project tasks and custom field endpoints. */
export function asanaTaskRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  app.get('/tasks/:gid', (c) =>
    c.json({ data: selectFields(renderTask(ctx, requireTask(ctx, c.req.param('gid'))), optFields(c)) }),
  );

  app.put('/tasks/:gid', async (c) => {
    const data = await asanaBody(c, UpdateTaskSchema);
    const task = changeTask(
      ctx,
      c.req.param('gid'),
      { name: data.name, notes: data.notes, completed: data.completed, fields: data.custom_fields },
      'bot',
    );
    return c.json({ data: selectFields(renderTask(ctx, task), optFields(c)) });
  });

  app.post('/tasks', async (c) => {
    const data = await asanaBody(c, CreateTaskSchema);
    const [projectGid = ''] = data.projects;
    const task = createTask(
      ctx,
      {
        projectGid,
        name: data.name,
        notes: data.notes,
        completed: data.completed,
        fields: data.custom_fields ?? {},
      },
      'bot',
    );
    return c.json({ data: selectFields(renderTask(ctx, task), optFields(c)) }, 201);
  });

  app.get('/tasks/:gid/stories', (c) => {
    const gid = requireTask(ctx, c.req.param('gid')).gid;
    const stories = ctx.store.data.asana.stories.filter((s) => s.taskGid === gid);
    return c.json({
      data: stories.map((s) => selectFields(renderStory(ctx, s), optFields(c))),
      next_page: null,
    });
  });

  app.post('/tasks/:gid/stories', async (c) => {
    const data = await asanaBody(c, StorySchema);
    const text = data.text ?? (data.html_text ?? '').replace(/<[^>]+>/g, '');
    const story = addStory(ctx, c.req.param('gid'), text, 'bot');
    return c.json({ data: selectFields(renderStory(ctx, story), optFields(c)) }, 201);
  });

  app.get('/projects/:gid/tasks', (c) => {
    const projectGid = c.req.param('gid');
    if (!ctx.store.data.asana.projects[projectGid])
      throw new SandboxError(404, `Unknown object: ${projectGid}`);
    const q = asanaValid(ListQuery, c.req.query());
    const fields = optFields(c);
    const tasks = Object.values(ctx.store.data.asana.tasks)
      .filter((t) => t.projectGid === projectGid)
      .filter((t) => !q.modified_since || Date.parse(t.modifiedAt) >= Date.parse(q.modified_since))
      .filter(
        (t) =>
          !q.completed_since ||
          !t.completed ||
          (q.completed_since !== 'now' && Date.parse(t.completedAt ?? '') >= Date.parse(q.completed_since)),
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.gid.localeCompare(b.gid));
    const start = q.offset ? decodeOffset(q.offset) : 0;
    const page = q.limit ? tasks.slice(start, start + q.limit) : tasks.slice(start);
    const more = q.limit !== undefined && start + q.limit < tasks.length;
    const render = (t: (typeof tasks)[number]): Record<string, unknown> =>
      fields ? selectFields(renderTask(ctx, t), fields) : renderCompactTask(t);
    return c.json({
      data: page.map(render),
      next_page: more ? nextPage(c.req.url, start + (q.limit ?? 0)) : null,
    });
  });

  // The project's custom field settings: the fields the console offers to choose from.
  app.get('/projects/:gid/custom_field_settings', (c) => {
    const project = ctx.store.data.asana.projects[c.req.param('gid')];
    if (!project) throw new SandboxError(404, `Unknown object: ${c.req.param('gid')}`);
    const fields = Object.values(project.fields).map((gid) => requireField(ctx, gid));
    return c.json({
      data: fields.map((field) =>
        selectFields(
          {
            gid: `${project.gid}-${field.gid}`,
            resource_type: 'custom_field_setting',
            is_important: true,
            project: { gid: project.gid, resource_type: 'project', name: project.name },
            custom_field: renderCustomField(field),
          },
          optFields(c),
        ),
      ),
      next_page: null,
    });
  });

  app.get('/custom_fields/:gid', (c) =>
    c.json({ data: selectFields(renderCustomField(requireField(ctx, c.req.param('gid'))), optFields(c)) }),
  );

  app.post('/custom_fields/:gid/enum_options', async (c) => {
    const data = await asanaBody(c, EnumOptionSchema);
    const option = addEnumOption(ctx, c.req.param('gid'), data);
    return c.json({ data: renderEnumOption(option) }, 201);
  });

  return app;
}

function nextPage(requestUrl: string, index: number): { offset: string; path: string; uri: string } {
  const url = new URL(requestUrl);
  const offset = Buffer.from(`sandbox:${index}`).toString('base64url');
  url.searchParams.set('offset', offset);
  return { offset, path: `${url.pathname.replace(/^.*\/api\/1\.0/, '')}${url.search}`, uri: url.toString() };
}

function decodeOffset(offset: string): number {
  const match = /^sandbox:(\d+)$/.exec(Buffer.from(offset, 'base64url').toString());
  if (!match) throw new SandboxError(400, 'offset: Your pagination token is invalid.');
  return Number(match[1]);
}
