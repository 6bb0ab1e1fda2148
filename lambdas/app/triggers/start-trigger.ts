import { ActionParamsSchema, type Action } from '#core/actions.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { builtInTrigger } from '#core/triggers/built-ins.js';
import { BuiltInTriggerError, TriggerDisabledError } from '#core/triggers/errors.js';
import { MissingValueError, renderTemplate, type TemplateVars } from '#core/triggers/template.js';
import { parseRunInputs } from '#core/triggers/validate.js';
import { commonVariables, taskVariables } from '#core/triggers/variables.js';
import type { ActionWorkflows, AuditLog, Clock, Ids, TaskStore, TriggerStore } from '#lambdas/ports.js';

/** Ports of a manual trigger run. */
export interface StartTriggerDeps {
  triggers: TriggerStore;
  tasks: TaskStore;
  workflows: ActionWorkflows;
  audit: AuditLog;
  clock: Clock;
  ids: Ids;
}

/** Who starts a run: a person or an API token (the Cedar principal of the effect is `User::"<userId>"`). */
export interface RunPrincipal {
  userId: string;
  username: string;
  /** How the audit names who started it (an API token: `token:<id>`). @default `user:<username>` */
  actor?: string;
}

/**
 * `startTriggerById`: runs one user trigger by hand with inputs checked against its inputs schema,
 * optionally for a task (whose values the template may use), through the same action state machine
 * as every effect: Evaluate → (approval) → Authorize → Execute → Record. A disabled trigger does nothing.
 */
export async function startTriggerById(
  config: ProjectConfig,
  triggerId: string,
  request: { inputs?: unknown; taskId?: string },
  principal: RunPrincipal,
  deps: StartTriggerDeps,
): Promise<Action> {
  if (builtInTrigger(triggerId))
    throw new BuiltInTriggerError(`${triggerId} is a built-in trigger: the core loop runs it, not a person`);
  const trigger = await deps.triggers.getTrigger(config.projectId, triggerId);
  if (!trigger) throw new NotFoundError(`Trigger ${triggerId} not found`);
  if (!trigger.enabled)
    throw new TriggerDisabledError(`Trigger ${triggerId} is disabled: nothing was started`);
  const inputs = parseRunInputs(trigger.definition.inputs, request.inputs);
  const task = request.taskId ? await deps.tasks.getTask(config.projectId, request.taskId) : undefined;
  if (request.taskId && !task) throw new NotFoundError(`Task ${request.taskId} not found`);
  const vars: TemplateVars = {
    ...(task ? taskVariables(task) : {}),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`inputs.${k}`, v])),
    ...commonVariables(config, { id: triggerId, name: trigger.definition.name }),
  };
  let rendered: unknown;
  try {
    rendered = renderTemplate(trigger.definition.action.params, vars);
  } catch (error) {
    if (error instanceof MissingValueError)
      throw new ValidationError(`Trigger ${triggerId} cannot run: ${error.message}`, [
        { path: task ? 'taskId' : 'inputs', message: error.message },
      ]);
    throw error;
  }
  const parsed = ActionParamsSchema.safeParse({
    ...(rendered as object),
    kind: trigger.definition.action.kind,
  });
  if (!parsed.success)
    throw new ValidationError(
      `Trigger ${triggerId} renders an invalid ${trigger.definition.action.kind}`,
      parsed.error.issues.map((i) => ({
        path: ['params', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  const runId = deps.ids.newId();
  const now = deps.clock.now().toISOString();
  const action: Action = {
    actionId: `run-${runId}`,
    projectId: config.projectId,
    // Without a task the run is its own timeline (`run-<id>`); Record finds no task and changes none.
    taskId: task?.taskId ?? `run-${runId}`,
    params: parsed.data,
    createdAt: now,
    requestedBy: { type: 'User', id: principal.userId },
    trigger: { id: triggerId, version: trigger.version },
  };
  await deps.audit.append({
    chain: config.projectId,
    type: 'trigger.started',
    at: now,
    actor: principal.actor ?? `user:${principal.username}`,
    subject: action.actionId,
    data: { triggerId, version: trigger.version, kind: parsed.data.kind, inputs, taskId: action.taskId },
  });
  await deps.workflows.start(action);
  return action;
}
