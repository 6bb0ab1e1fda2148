import { z } from 'zod';

/** "Import from Asana" reaches back this far. */
export const IMPORT_WINDOW_MS = 90 * 24 * 3600_000;
/** Tasks fetched and applied per step (keeps one API request well inside API Gateway's 29 s). */
export const IMPORT_BATCH = 10;

/** An import of a project's recently modified Asana tasks, advanced one bounded step at a time. */
export const ImportJobSchema = z.object({
  projectId: z.string().min(1),
  jobId: z.string().min(1),
  startedBy: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Asana tasks modified since this instant are imported. */
  since: z.string(),
  status: z.enum(['running', 'done']),
  /** Bumped by every saved step; a save is conditional on it, so two runners never repeat work. */
  step: z.number().int().nonnegative(),
  projectGids: z.array(z.string()),
  /** Which Asana project is being listed, and the page token within it. */
  projectIndex: z.number().int().nonnegative(),
  nextPage: z.string().optional(),
  /** Gids listed and not yet applied. */
  pending: z.array(z.string()),
  listed: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The last few failures, for the progress view. */
  errors: z.array(z.string()).max(5),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** What applying one Asana task did. */
export type ImportResult = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** A new job over `projectGids`, importing what changed in the last IMPORT_WINDOW_MS. */
export function startImport(
  input: { projectId: string; jobId: string; startedBy: string; projectGids: string[] },
  now: Date,
): ImportJob {
  const at = now.toISOString();
  return {
    ...input,
    startedAt: at,
    updatedAt: at,
    since: new Date(now.getTime() - IMPORT_WINDOW_MS).toISOString(),
    status: input.projectGids.length === 0 ? 'done' : 'running',
    step: 0,
    projectIndex: 0,
    pending: [],
    listed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    errors: [],
  };
}

/** The next unit of work: apply pending tasks first, then list the next page, then done. */
export type ImportWork =
  { kind: 'apply'; gids: string[] } | { kind: 'list'; projectGid: string; page?: string } | { kind: 'done' };

export function nextImportWork(job: ImportJob): ImportWork {
  if (job.status === 'done') return { kind: 'done' };
  if (job.pending.length > 0) return { kind: 'apply', gids: job.pending.slice(0, IMPORT_BATCH) };
  const projectGid = job.projectGids[job.projectIndex];
  if (projectGid === undefined) return { kind: 'done' };
  return { kind: 'list', projectGid, ...(job.nextPage !== undefined && { page: job.nextPage }) };
}

/** Records a listed page: its gids become pending; the last page of the last project ends listing. */
export function afterListing(
  job: ImportJob,
  gids: string[],
  nextPage: string | undefined,
  now: Date,
): ImportJob {
  const fresh = gids.filter((gid) => !job.pending.includes(gid));
  const { nextPage: _old, ...rest } = job;
  const moved: ImportJob =
    nextPage === undefined ? { ...rest, projectIndex: job.projectIndex + 1 } : { ...rest, nextPage };
  return finish({
    ...moved,
    pending: [...job.pending, ...fresh],
    listed: job.listed + fresh.length,
    step: job.step + 1,
    updatedAt: now.toISOString(),
  });
}

/** Records applied tasks (in `gids` order) and drops them from pending. */
export function afterApplying(
  job: ImportJob,
  results: { gid: string; result: ImportResult; error?: string }[],
  now: Date,
): ImportJob {
  const done = new Set(results.map((r) => r.gid));
  const count = (kind: ImportResult) => results.filter((r) => r.result === kind).length;
  const errors = results.flatMap((r) => (r.error ? [`${r.gid}: ${r.error}`] : []));
  return finish({
    ...job,
    pending: job.pending.filter((gid) => !done.has(gid)),
    created: job.created + count('created'),
    updated: job.updated + count('updated'),
    unchanged: job.unchanged + count('unchanged'),
    skipped: job.skipped + count('skipped'),
    failed: job.failed + count('failed'),
    errors: [...job.errors, ...errors].slice(-5),
    step: job.step + 1,
    updatedAt: now.toISOString(),
  });
}

function finish(job: ImportJob): ImportJob {
  const listingDone = job.projectIndex >= job.projectGids.length;
  return listingDone && job.pending.length === 0 ? { ...job, status: 'done' } : job;
}
