import { Hono } from 'hono';
import { z } from 'zod';
import { AutoFlowError, NotFoundError, ValidationError } from '#core/errors.js';
import { TaskStatusSchema } from '#core/task.js';
import { parseOrThrow } from '#core/validation.js';
import type { ProjectStore, TaskStore } from '#lambdas/ports.js';

/** Ports the read API needs. */
export interface ApiDeps {
  projects: ProjectStore;
  tasks: TaskStore;
}

const ListQuerySchema = z.object({
  status: TaskStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

/**
 * The read side of the console API: projects, tasks by status (newest first, from the status index),
 * one task with its timeline. Accounts, roles and writes arrive with the console.
 */
export function createApiApp(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/projects', async (c) => {
    const projects = await deps.projects.listProjects();
    return c.json({
      items: projects.map(({ projectId, slug, name, github }) => ({
        projectId,
        slug,
        name,
        repos: github.repos,
      })),
    });
  });

  app.get('/projects/:slug/tasks', async (c) => {
    const project = await projectBySlug(deps, c.req.param('slug'));
    const query = parseOrThrow(ListQuerySchema, c.req.query(), 'query');
    const page = query.status
      ? await deps.tasks.listTasksByStatus(project.projectId, query.status, {
          limit: query.limit,
          cursor: query.cursor,
        })
      : await deps.tasks.listTasks(project.projectId, { limit: query.limit, cursor: query.cursor });
    return c.json({
      items: page.items.map(({ outbox: _outbox, ...task }) => task),
      cursor: page.cursor ?? null,
    });
  });

  app.get('/projects/:slug/tasks/:taskId', async (c) => {
    const project = await projectBySlug(deps, c.req.param('slug'));
    const task = await deps.tasks.getTask(project.projectId, c.req.param('taskId'));
    if (!task) throw new NotFoundError('No such task');
    const timeline = await deps.tasks.listTimeline(project.projectId, task.taskId);
    return c.json({ task, timeline });
  });

  app.onError((error, c) => {
    if (error instanceof ValidationError)
      return c.json(
        { error: { code: 'invalid_request', message: error.message, issues: error.issues } },
        400,
      );
    if (error instanceof NotFoundError)
      return c.json({ error: { code: 'not_found', message: error.message } }, 404);
    if (error instanceof AutoFlowError)
      return c.json({ error: { code: 'conflict', message: error.message } }, 409);
    console.error(JSON.stringify({ level: 'ERROR', message: 'api error', error: error.message }));
    return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  return app;
}

async function projectBySlug(deps: ApiDeps, slug: string) {
  const project = await deps.projects.getProjectBySlug(slug);
  if (!project) throw new NotFoundError(`No project "${slug}"`);
  return project;
}
