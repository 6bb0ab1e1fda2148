import { Hono } from 'hono';
import { NotFoundError } from '#core/errors.js';
import type { ImportJob } from '#core/import-job.js';
import { requireRole } from '../auth/project-access.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { advanceImport, startAsanaImport } from '../tasks/import-step.js';

/** Progress as the console shows it (the pending gids stay server-side). */
function toProgress(job: ImportJob) {
  const { pending, projectGids, projectIndex, nextPage: _page, step: _step, ...rest } = job;
  return {
    ...rest,
    pendingCount: pending.length,
    listing: projectIndex < projectGids.length,
    applied: job.created + job.updated + job.unchanged + job.skipped + job.failed,
  };
}

/** "Import from Asana": start a job, advance it step by step (the console drives it), read progress. */
export function importRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/import', async (c) => {
    const job = await deps.importJobs.latestJob(c.get('project').projectId);
    return c.json({ job: job ? toProgress(job) : null });
  });

  app.post('/import', requireRole('editor'), async (c) => {
    const job = await startAsanaImport(c.get('project'), c.get('principal').userId, deps);
    return c.json({ job: toProgress(job) }, 201);
  });

  app.post('/import/:jobId/step', requireRole('editor'), async (c) => {
    const jobId = c.req.param('jobId');
    if (!/^[0-9A-Z]{26}$/.test(jobId)) throw new NotFoundError(`No import ${jobId}`);
    return c.json({ job: toProgress(await advanceImport(c.get('project'), jobId, deps)) });
  });

  return app;
}
