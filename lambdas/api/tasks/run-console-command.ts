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
import { activeKillSwitch } from '#core/kill-switch.js';

/**
 * Runs a console command on a task through `applyEvent` (so `decide` rules, the version check, new
 * references, the timeline and the outbox all behave as for any other event). A re-sync carries
 * Asana's current snapshot, applied exactly as a webhook's would be; a retry releases held effects
 * (refused while a kill switch is on).
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
    if (activeKillSwitch(await deps.killSwitches.isKilled(project.projectId)))
      throw new KillSwitchOnError('The kill switch is on: switch it off before retrying held effects');
  }
  const event: Extract<DomainEvent, { type: 'console.command' }> = { type: 'console.command', by, command };
  if (command.kind === 'resync')
    event.snapshot = (await (await deps.asana(project.projectId)).getTask(task.asanaGid)) ?? null;
  return applyEvent(project, event, { taskId }, deps.pipeline);
}
