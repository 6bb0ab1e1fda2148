import { z } from 'zod';
import { ConsoleCommandSchema, type ConsoleCommand } from '#core/console-command.js';
import { runConsoleCommand } from '../tasks/run-console-command.js';
import { toTaskDetail } from '../views/task-view.js';
import type { BearerPrincipal } from '../bearer.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';
import { TaskDetailSchema } from './schemas.js';
import { TaskParamsSchema } from './tasks.js';

/** The body of one command: its variant of the console's schema without the `kind` (the path says it). */
const bodyOf = (kind: ConsoleCommand['kind']) =>
  (ConsoleCommandSchema.options.find((o) => o.shape.kind.value === kind) as unknown as z.ZodObject)
    .omit({ kind: true })
    .strict();
const ActionResultSchema = z.object({ task: TaskDetailSchema.nullable() });

/** The task actions of the console, run through the same use case (`applyEvent` via `runConsoleCommand`). */
export function taskActionOperations(deps: ApiV1Deps): AnyOperation[] {
  const runAs = async (bearer: BearerPrincipal, taskId: string, command: ConsoleCommand) => {
    const { userId, username } = bearer.principal;
    const task = await runConsoleCommand(
      { project: bearer.project, taskId, command, by: { userId, username } },
      deps,
    );
    deps.logger.info('task command', { taskId, kind: command.kind, by: userId });
    return { task: task ? toTaskDetail(task) : null };
  };
  const common = {
    tag: 'task actions',
    role: 'editor' as const,
    params: TaskParamsSchema,
    errors: [409 as const],
  };
  return [
    operation({
      ...common,
      method: 'post',
      path: '/tasks/{taskId}/retry',
      operationId: 'retryTask',
      summary: 'Tries again what failed (creating the issue; held effects start again)',
      response: ActionResultSchema,
      handler: ({ bearer, params }) => runAs(bearer, params.taskId, { kind: 'retry' }),
    }),
    operation({
      ...common,
      method: 'post',
      path: '/tasks/{taskId}/resync',
      operationId: 'resyncTask',
      summary: "Applies the Asana task's current state now",
      response: ActionResultSchema,
      handler: ({ bearer, params }) => runAs(bearer, params.taskId, { kind: 'resync' }),
    }),
    operation({
      ...common,
      method: 'post',
      path: '/tasks/{taskId}/change-repo',
      operationId: 'changeTaskRepo',
      summary: 'Chooses the repository while no issue exists yet',
      body: bodyOf('change_repo'),
      examples: { valid: [{ repo: 'acme/web' }], invalid: [{}, { repo: 'not a repo' }] },
      response: ActionResultSchema,
      handler: ({ bearer, params, body }) =>
        runAs(bearer, params.taskId, { kind: 'change_repo', ...body } as ConsoleCommand),
    }),
    operation({
      ...common,
      method: 'post',
      path: '/tasks/{taskId}/link-pr',
      operationId: 'forceLinkPullRequest',
      summary: "Links a PR of the issue's repo by hand (it did not say Fixes #N)",
      body: bodyOf('force_link_pr'),
      examples: { valid: [{ number: 12 }], invalid: [{}, { number: 0 }, { number: 'x' }] },
      response: ActionResultSchema,
      handler: ({ bearer, params, body }) =>
        runAs(bearer, params.taskId, { kind: 'force_link_pr', ...body } as ConsoleCommand),
    }),
    operation({
      ...common,
      method: 'post',
      path: '/tasks/{taskId}/notes',
      operationId: 'addTaskNote',
      summary: 'Adds a note to the timeline (also posted as an Asana comment)',
      body: bodyOf('add_note'),
      examples: { valid: [{ text: 'Looked at it: waiting for review.' }], invalid: [{}, { text: '' }] },
      response: ActionResultSchema,
      handler: ({ bearer, params, body }) =>
        runAs(bearer, params.taskId, { kind: 'add_note', ...body } as ConsoleCommand),
    }),
  ];
}
