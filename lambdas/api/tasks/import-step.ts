import { NotFoundError, TransientIntegrationError } from '#core/errors.js';
import type { DomainEvent } from '#core/events.js';
import {
  afterApplying,
  afterListing,
  nextImportWork,
  startImport,
  type ImportJob,
  type ImportResult,
} from '#core/import-job.js';
import type { ProjectConfig } from '#core/project-config.js';
import { applyEvent, targetOf } from '#lambdas/app/apply-event.js';
import type { WorkTracker } from '#lambdas/ports.js';
import type { ApiDeps } from '../deps.js';

type ImportDeps = Pick<ApiDeps, 'importJobs' | 'asana' | 'tasks' | 'pipeline' | 'clock' | 'ids'>;

/** Starts "Import from Asana" over the project's Asana projects. */
export async function startAsanaImport(
  project: ProjectConfig,
  by: string,
  deps: ImportDeps,
): Promise<ImportJob> {
  const job = startImport(
    {
      projectId: project.projectId,
      jobId: deps.ids.newId(),
      startedBy: by,
      projectGids: project.asana.projectGids,
    },
    deps.clock.now(),
  );
  await deps.importJobs.createJob(job);
  return job;
}

/**
 * Advances an import by one bounded step (list one page, or apply up to IMPORT_BATCH tasks) and saves
 * it conditionally, so a second tab driving the same job never repeats work. Each task goes through
 * `applyEvent` as an Asana snapshot: new tasks are created, known ones updated with their links intact.
 */
export async function advanceImport(
  project: ProjectConfig,
  jobId: string,
  deps: ImportDeps,
): Promise<ImportJob> {
  const job = await deps.importJobs.getJob(project.projectId, jobId);
  if (!job) throw new NotFoundError(`No import ${jobId}`);
  const work = nextImportWork(job);
  if (work.kind === 'done') return job.status === 'done' ? job : { ...job, status: 'done' };
  const asana = await deps.asana(project.projectId);
  let next: ImportJob;
  if (work.kind === 'list') {
    const page = await asana.listModifiedTasks(work.projectGid, job.since, work.page);
    next = afterListing(job, page.gids, page.nextPage, deps.clock.now());
  } else {
    const results = [];
    for (const gid of work.gids) results.push({ gid, ...(await importOne(project, gid, asana, deps)) });
    next = afterApplying(job, results, deps.clock.now());
  }
  const saved = await deps.importJobs.saveJob(next, job.step);
  return saved ? next : ((await deps.importJobs.getJob(project.projectId, jobId)) ?? next);
}

async function importOne(
  project: ProjectConfig,
  gid: string,
  asana: WorkTracker,
  deps: ImportDeps,
): Promise<{ result: ImportResult; error?: string }> {
  try {
    const record = await asana.getTask(gid);
    if (!record) return { result: 'skipped' };
    const before = await deps.tasks.findTaskId(project.projectId, { kind: 'asana', gid });
    const beforeTask = before ? await deps.tasks.getTask(project.projectId, before) : undefined;
    const event: DomainEvent = { type: 'asana.task_snapshot', task: record };
    const saved = await applyEvent(project, event, targetOf(event), deps.pipeline);
    if (!saved) return { result: 'skipped' };
    if (!beforeTask) return { result: 'created' };
    return { result: saved.version !== beforeTask.version ? 'updated' : 'unchanged' };
  } catch (error) {
    // A transient failure fails the step (the console retries it); anything else is this task's problem.
    if (error instanceof TransientIntegrationError) throw error;
    return { result: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
