import { z } from 'zod';
import { NotFoundError } from '#core/errors.js';
import { TaskStatusSchema } from '#core/task.js';
import { TimelineEntrySchema } from '#core/timeline.js';
import { toTaskDetail, toTaskRow } from '../views/task-view.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';
import { TaskDetailSchema, TaskRowSchema } from './schemas.js';

export const TaskParamsSchema = z.object({ taskId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/) });

const ListTasksQuerySchema = z.object({
  status: TaskStatusSchema.optional(),
  updatedSince: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

/** Tasks of the token's project: the dashboard's list (status index), one task, its timeline. */
export function taskOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/tasks',
      operationId: 'listTasks',
      summary:
        'Tasks, newest first, optionally by status and updated since a time. Cursor pagination: a page may ' +
        'hold fewer than `limit` items when filtered; keep going while `cursor` is not null.',
      tag: 'tasks',
      role: 'viewer',
      query: ListTasksQuerySchema,
      response: z.object({ items: z.array(TaskRowSchema), cursor: z.string().nullable() }),
      handler: async ({ bearer, query }) => {
        const { projectId } = bearer.project;
        const paging = { limit: query.limit, ...(query.cursor !== undefined && { cursor: query.cursor }) };
        const page = query.status
          ? await deps.tasks.listTasksByStatus(projectId, query.status, paging)
          : await deps.tasks.listTasks(projectId, paging);
        const since = query.updatedSince === undefined ? undefined : Date.parse(query.updatedSince);
        const items = page.items.filter((t) => since === undefined || Date.parse(t.updatedAt) >= since);
        return { items: items.map(toTaskRow), cursor: page.cursor ?? null };
      },
    }),
    operation({
      method: 'get',
      path: '/tasks/{taskId}',
      operationId: 'getTask',
      summary: 'One task with its details',
      tag: 'tasks',
      role: 'viewer',
      params: TaskParamsSchema,
      response: TaskDetailSchema,
      handler: async ({ bearer, params }) => {
        const task = await deps.tasks.getTask(bearer.project.projectId, params.taskId);
        if (!task) throw new NotFoundError(`No task ${params.taskId}`);
        return toTaskDetail(task);
      },
    }),
    operation({
      method: 'get',
      path: '/tasks/{taskId}/events',
      operationId: 'listTaskEvents',
      summary: "The task's timeline, oldest first",
      tag: 'tasks',
      role: 'viewer',
      params: TaskParamsSchema,
      response: z.object({ items: z.array(TimelineEntrySchema) }),
      handler: async ({ bearer, params }) => {
        const { projectId } = bearer.project;
        const task = await deps.tasks.getTask(projectId, params.taskId);
        if (!task) throw new NotFoundError(`No task ${params.taskId}`);
        return { items: await deps.tasks.listTimeline(projectId, task.taskId) };
      },
    }),
  ];
}
