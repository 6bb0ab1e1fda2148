import { Hono } from 'hono';
import { z } from 'zod';
import { ConsoleCommandSchema } from '#core/console-command.js';
import { NotFoundError } from '#core/errors.js';
import { TaskStatusSchema } from '#core/task.js';
import { parseOrThrow } from '#core/validation.js';
import { requireRole } from '../auth/project-access.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';
import { createAsanaTask } from '../tasks/create-asana-task.js';
import { runConsoleCommand } from '../tasks/run-console-command.js';
import { toTaskDetail, toTaskRow, toTimelineView } from '../views/task-view.js';

const ListQuerySchema = z.object({
  status: TaskStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
const CreateTaskSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(500),
  notes: z.string().max(20_000).default(''),
  repo: z.string().trim().min(1, 'is required'),
});
const taskId = /^[0-9A-Za-z_-]{1,64}$/;

/** The dashboard (tasks by status, newest first, from the status index), the task page, and task actions. */
export function taskRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/tasks', async (c) => {
    const { projectId } = c.get('project');
    const query = parseOrThrow(ListQuerySchema, c.req.query(), 'query');
    const paging = { limit: query.limit, ...(query.cursor !== undefined && { cursor: query.cursor }) };
    const page = query.status
      ? await deps.tasks.listTasksByStatus(projectId, query.status, paging)
      : await deps.tasks.listTasks(projectId, paging);
    return c.json({ items: page.items.map(toTaskRow), cursor: page.cursor ?? null });
  });

  app.post('/tasks', requireRole('editor'), async (c) => {
    const body = await readBody(c, CreateTaskSchema);
    const created = await createAsanaTask({ project: c.get('project'), ...body }, deps);
    deps.logger.info('task created in Asana', { asanaGid: created.asanaGid, by: c.get('principal').userId });
    return c.json(created, 201);
  });

  app.get('/tasks/by-asana/:gid', async (c) => {
    const gid = c.req.param('gid');
    const found = /^\d{1,30}$/.test(gid)
      ? await deps.tasks.findTaskId(c.get('project').projectId, { kind: 'asana', gid })
      : undefined;
    if (!found) throw new NotFoundError(`No task for Asana task ${gid} yet`);
    return c.json({ taskId: found });
  });

  app.get('/tasks/:taskId', async (c) => {
    const { projectId } = c.get('project');
    const id = c.req.param('taskId');
    const task = taskId.test(id) ? await deps.tasks.getTask(projectId, id) : undefined;
    if (!task) throw new NotFoundError(`No task ${id}`);
    const { timeline, specVersions } = toTimelineView(await deps.tasks.listTimeline(projectId, task.taskId));
    return c.json({ task: toTaskDetail(task), timeline, specVersions });
  });

  app.post('/tasks/:taskId/commands', requireRole('editor'), async (c) => {
    const command = await readBody(c, ConsoleCommandSchema);
    const principal = c.get('principal');
    const id = c.req.param('taskId');
    if (!taskId.test(id)) throw new NotFoundError(`No task ${id}`);
    const task = await runConsoleCommand(
      {
        project: c.get('project'),
        taskId: id,
        command,
        by: { userId: principal.userId, username: principal.username },
      },
      deps,
    );
    deps.logger.info('task command', { taskId: id, kind: command.kind, by: principal.userId });
    return c.json({ task: task ? toTaskDetail(task) : null });
  });

  return app;
}
