import type { ProjectConfig } from '#core/project-config.js';
import type { CursorStore } from '#lambdas/ports.js';
import { applyEvent, type ApplyEventDeps } from '../apply-event.js';
import type { Integrations } from '#lambdas/ports.js';

/** Ports the Asana backfill needs. */
export interface BackfillDeps extends ApplyEventDeps {
  integrations: Integrations;
  cursors: CursorStore;
}

/** How far back the first backfill of a project looks. */
const FIRST_LOOKBACK_MS = 24 * 3_600_000;
/** Overlap with the previous run, for clock skew between Asana and us. */
const OVERLAP_MS = 60_000;
/** Unknown tasks fetched per project and run at most (the rest wait for the next window). */
const MAX_FETCHES = 50;

/**
 * Finds Asana tasks changed since the last run that Auto-Flow does not know — their webhook was lost,
 * or Asana deleted the webhook — and feeds their current state through `decide()` (which creates the
 * task only when AutoTask is on). Known tasks are left to the per-task repair. Returns tasks applied.
 */
export async function backfillAsana(config: ProjectConfig, deps: BackfillDeps): Promise<number> {
  const runStart = deps.clock.now();
  const cursorName = `asana-backfill-${config.projectId}`;
  const previous = await deps.cursors.get(cursorName);
  const since = new Date(
    (previous ? Date.parse(previous) : runStart.getTime() - FIRST_LOOKBACK_MS) - OVERLAP_MS,
  ).toISOString();
  const tracker = await deps.integrations.workTracker(config.projectId);
  let applied = 0;
  for (const projectGid of config.asana.projectGids) {
    let page: string | undefined;
    do {
      const result = await tracker.listModifiedTasks(projectGid, since, page);
      for (const gid of result.gids) {
        if (applied >= MAX_FETCHES) return applied;
        if (await deps.tasks.findTaskId(config.projectId, { kind: 'asana', gid })) continue;
        const record = await tracker.getTask(gid);
        if (!record) continue;
        await applyEvent(
          config,
          { type: 'asana.task_snapshot', task: record },
          { lookup: [{ kind: 'asana', gid }] },
          deps,
        );
        applied++;
      }
      page = result.nextPage;
    } while (page);
  }
  await deps.cursors.set(cursorName, runStart.toISOString());
  return applied;
}
