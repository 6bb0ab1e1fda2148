import { releaseExecutionName } from '#lambdas/app/set-kill-switch.js';
import type { CommandAuthor } from '#core/decide-console.js';
import { consoleCommandProblem } from '#core/decide-console.js';
import type { ConsoleCommand } from '#core/console-command.js';
import { NotFoundError } from '#core/errors.js';
import type { DomainEvent } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { Task } from '#core/task.js';
import { applyEvent } from '#lambdas/app/apply-event.js';
import type { ApiDeps } from '../deps.js';
import { CommandRejectedError, KillSwitchOnError } from '../errors.js';

/**
 * Runs a console command on a task through `applyEvent` (so `decide` rules, the version check, new
 * references, the timeline and the outbox all behave as for any other event). A re-sync carries
 * Asana's current snapshot, applied exactly as a webhook's would be.
 */
export async function runConsoleCommand(
  input: { project: ProjectConfig; taskId: string; command: ConsoleCommand; by: CommandAuthor },
  deps: Pick<ApiDeps, 'tasks' | 'killSwitches' | 'asana' | 'pipeline'>,
): Promise<Task | undefined> {
  const { project, taskId, command, by } = input;
  const task = await deps.tasks.getTask(project.projectId, taskId);
  if (!task) throw new NotFoundError(`No task ${taskId}`);
  const problem = consoleCommandProblem(task, command, project);
  if (problem) throw new CommandRejectedError(problem);
  if (command.kind === 'retry') {
    const kill = await deps.killSwitches.isKilled(project.projectId);
    if (kill.global || kill.project)
      throw new KillSwitchOnError('The kill switch is on: switch it off before retrying held effects');
    await releaseHeld(task, by, deps);
  }
  const event: Extract<DomainEvent, { type: 'console.command' }> = { type: 'console.command', by, command };
  if (command.kind === 'resync')
    event.snapshot = (await (await deps.asana(project.projectId)).getTask(task.asanaGid)) ?? null;
  return applyEvent(project, event, { taskId }, deps.pipeline);
}

/**
 * Re-starts the task's held effects under a fresh execution name (`${actionId}-r${n}`, the scheme of
 * releaseHeldActions when a kill switch goes off): same action ids, so Record still finds them.
 */
async function releaseHeld(task: Task, by: CommandAuthor, deps: Pick<ApiDeps, 'tasks' | 'pipeline'>) {
  const held = task.outbox.filter((a) => a.heldReason !== undefined);
  if (held.length === 0) return;
  const now = deps.pipeline.clock.now();
  for (const action of held)
    await deps.pipeline.workflows.start(action, {
      executionName: releaseExecutionName(action.actionId, now),
    });
  // Not a change of the task itself, so the timeline gets the entry directly.
  await deps.tasks.appendTimeline(task.projectId, task.taskId, [
    {
      at: now.toISOString(),
      source: 'user',
      kind: 'console.released',
      message: `Retry by ${by.username}: ${held.length} held effect${held.length === 1 ? '' : 's'} started again`,
      ids: Object.fromEntries(
        held.map((a, i) => [held.length > 1 ? `actionId${i + 1}` : 'actionId', a.actionId]),
      ),
    },
  ]);
}
