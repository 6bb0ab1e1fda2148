import type { ProjectConfig } from '../project-config.js';
import type { Task } from '../task.js';
import type { TemplateVars } from './template.js';
import type { TriggerDefinition, TriggerEventName } from './trigger.js';

const COMMON = ['project.id', 'project.slug', 'project.name', 'trigger.id', 'trigger.name'];
const TASK = [
  'task.id',
  'task.title',
  'task.status',
  'task.url',
  'task.repo',
  'issue.number',
  'issue.url',
  'issue.repo',
  'pr.number',
  'pr.url',
  'mergeSha',
];

/** The placeholders each kind of event offers (manual runs add the task's when started for a task). */
export const EVENT_VARIABLES: Record<TriggerEventName, readonly string[]> = {
  'task.status_changed': [...TASK, 'status.from', 'status.to'],
  'ci.failed_after_merge': [...TASK, 'ci.failureReason'],
  'pr.labeled': [...TASK, 'label'],
  'workflow_run.action_required': [...TASK, 'run.id', 'run.url', 'run.workflow', 'run.repo'],
  manual: TASK,
};

/** Every placeholder a definition may use: common, its event's, and `inputs.<name>` of its inputs. */
export function allowedVariables(definition: Pick<TriggerDefinition, 'pattern' | 'inputs'>): Set<string> {
  return new Set([
    ...COMMON,
    ...EVENT_VARIABLES[definition.pattern.on],
    ...definition.inputs.map((i) => `inputs.${i.name}`),
  ]);
}

/** The values a task offers to templates. */
export function taskVariables(task: Task): TemplateVars {
  return {
    'task.id': task.taskId,
    'task.title': task.title,
    'task.status': task.status,
    'task.url': task.asanaUrl,
    'task.repo': task.issue?.repo ?? task.repo,
    'issue.number': task.issue?.number,
    'issue.url': task.issue?.url,
    'issue.repo': task.issue?.repo,
    'pr.number': task.pr?.number,
    'pr.url': task.pr?.url,
    mergeSha: task.mergeSha,
  };
}

/** The values every template gets: the project and the trigger. */
export function commonVariables(
  config: Pick<ProjectConfig, 'projectId' | 'slug' | 'name'>,
  trigger: { id: string; name: string },
): TemplateVars {
  return {
    'project.id': config.projectId,
    'project.slug': config.slug,
    'project.name': config.name,
    'trigger.id': trigger.id,
    'trigger.name': trigger.name,
  };
}
