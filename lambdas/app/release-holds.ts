import type { Action } from '#core/actions.js';
import type { DomainEvent } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import { applyEvent, type ApplyEventDeps } from './apply-event.js';

/** Which held actions to release, and why (see `actions.released`). */
export type Release = Omit<Extract<DomainEvent, { type: 'actions.released' }>, 'type'>;

/**
 * Releases held actions of a task through `decide` (a conditional save that names each next run) and
 * returns the ids of the `held` actions, as the caller read them, whose run count has risen since: lifted
 * now, by this release or by one racing it (which then started the run; this one started nothing twice).
 */
export async function releaseHolds(
  config: ProjectConfig,
  taskId: string,
  held: readonly Action[],
  release: Release,
  deps: ApplyEventDeps,
): Promise<string[]> {
  if (held.length === 0) return [];
  const after = await applyEvent(config, { type: 'actions.released', ...release }, { taskId }, deps);
  return held
    .filter((was) => {
      const now = after?.outbox.find((a) => a.actionId === was.actionId);
      return now !== undefined && now.heldReason === undefined && (now.releases ?? 0) > (was.releases ?? 0);
    })
    .map((a) => a.actionId);
}
