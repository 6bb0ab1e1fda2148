import type { DomainEvent } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import { linkedIssueNumber } from '#core/linked-issue.js';
import type { Task } from '#core/task.js';
import type { Integrations, KillSwitchStore, ProjectStore } from '#lambdas/ports.js';
import { applyEvent, type ApplyEventDeps } from '../apply-event.js';
import { releaseHolds } from '../release-holds.js';
import type { StuckItem } from './find-stuck.js';
import { activeKillSwitch } from '#core/kill-switch.js';

/** The agent's PR is opened after its task was created; this much clock skew with GitHub is allowed. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** Ports Repair needs. */
export interface RepairDeps extends ApplyEventDeps {
  projects: ProjectStore;
  integrations: Integrations;
  /** Whether held actions may be released (no kill switch on). */
  killSwitches: KillSwitchStore;
}

/** What one repair found. */
export interface RepairResult {
  projectId: string;
  taskId: string;
  changed: boolean;
  from?: string;
  to?: string;
  checked: string[];
}

/**
 * Fetches the truth for one task and feeds it through the same `decide()` as webhooks would:
 * the Asana task (missed field changes, a repo mapping changed since, AutoTask flips), then by stage
 * the agent's PR, the PR's merge, or CI on the merge commit. Idempotent: replaying the truth changes
 * nothing when nothing was missed. Re-applying also restarts outbox actions whose start was lost.
 */
export async function repairTask(item: StuckItem, deps: RepairDeps): Promise<RepairResult> {
  const result: RepairResult = {
    projectId: item.projectId,
    taskId: item.taskId,
    changed: false,
    checked: [],
  };
  const config = await deps.projects.getProject(item.projectId);
  const before = await deps.tasks.getTask(item.projectId, item.taskId);
  if (!config || !before) return result;
  const apply = (event: DomainEvent) => applyEvent(config, event, { taskId: item.taskId }, deps);

  const asana = await (await deps.integrations.workTracker(item.projectId)).getTask(before.asanaGid);
  result.checked.push('asana');
  let task: Task | undefined = await apply(
    asana
      ? { type: 'asana.task_snapshot', task: asana }
      : { type: 'asana.task_deleted', asanaGid: before.asanaGid, occurredAt: deps.clock.now().toISOString() },
  );

  if (task?.issue && !task.pr && task.stage === 'ISSUE_CREATED') {
    const { repo, number } = task.issue;
    const pulls = await (
      await deps.integrations.changeReader(item.projectId)
    ).listPullRequestsSince(repo, new Date(Date.parse(before.createdAt) - CLOCK_SKEW_MS).toISOString());
    result.checked.push('pull-requests');
    const linked = pulls
      .filter((pr) => linkedIssueNumber(pr.body, repo) === number)
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    for (const pr of linked) task = await apply(pr);
  }
  if (task?.issue && task.pr && task.stage === 'PR_CREATED') {
    const pr = await (
      await deps.integrations.changeReader(item.projectId)
    ).getPullRequest(task.issue.repo, task.pr.number);
    result.checked.push('pull-request');
    if (pr) task = await apply(pr);
  }
  if (task?.issue && task.mergeSha && task.stage === 'WAITING_CI') {
    const runs = await (
      await deps.integrations.changeReader(item.projectId)
    ).listWorkflowRuns(task.issue.repo, task.mergeSha);
    result.checked.push('workflow-runs');
    for (const run of runs.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) task = await apply(run);
  }
  const after = task ?? before;
  const released = await releaseHeld(config, after, deps);
  if (released > 0) result.checked.push('held-actions');
  const changed = after.version !== before.version || released > 0;
  // Nothing was missed: FindStuck spaces the next check of this task out (see isDue).
  if (!changed) await deps.tasks.markChecked(item.projectId, item.taskId, deps.clock.now().toISOString());
  return {
    ...result,
    changed,
    from: before.status,
    to: after.status,
  };
}

/**
 * Releases the effects the task holds after they failed (retry-safe kinds, see decide-effect) when no
 * kill switch is on. The release goes through `decide`, like every other, so a run already started by
 * another release is not started twice. Kill-switch holds are the release's and Record's to lift.
 */
async function releaseHeld(config: ProjectConfig, task: Task, deps: RepairDeps): Promise<number> {
  const held = task.outbox.filter((a) => a.heldReason && a.failures !== undefined);
  if (held.length === 0) return 0;
  if (activeKillSwitch(await deps.killSwitches.isKilled(task.projectId))) return 0;
  const released = await releaseHolds(
    config,
    task.taskId,
    held,
    { failedOnly: true, reason: 'the reconciler retries an effect that failed' },
    deps,
  );
  if (released.length > 0)
    deps.logger.info('held actions released by repair', { taskId: task.taskId, released: released.length });
  return released.length;
}
