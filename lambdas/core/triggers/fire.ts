import { ActionParamsSchema } from '../actions.js';
import { emit, note, type Draft } from '../emit.js';
import type { DomainEvent } from '../events.js';
import type { ProjectConfig } from '../project-config.js';
import { matches, occurrencesOf } from './occurrences.js';
import { renderTemplate } from './template.js';
import type { UserTrigger } from './trigger.js';
import { commonVariables, taskVariables } from './variables.js';

const MAX_KEYS = 50;

/**
 * Fires the enabled user triggers whose pattern matches what this event did: renders each template
 * and puts the action in the outbox, requested by the trigger (its Cedar principal). A template that
 * does not render into a valid action is skipped with a timeline note, never half-run.
 */
export function fireUserTriggers(d: Draft, event: DomainEvent, config: ProjectConfig): void {
  const triggers = d.triggers.user.filter((t) => t.enabled && t.definition.pattern.on !== 'manual');
  if (triggers.length === 0) return;
  for (const occurrence of occurrencesOf(d.before, d.task, event))
    for (const trigger of triggers) {
      if (!matches(trigger.definition.pattern, occurrence)) continue;
      const key = occurrence.key && `${trigger.triggerId}:${occurrence.key}`;
      if (key) {
        if (d.task.triggerKeys?.includes(key)) continue;
        d.task.triggerKeys = [...(d.task.triggerKeys ?? []), key].slice(-MAX_KEYS);
      }
      fireOne(d, trigger, config, { ...occurrence.vars });
    }
}

function fireOne(
  d: Draft,
  trigger: UserTrigger,
  config: ProjectConfig,
  eventVars: Record<string, string | number | boolean | undefined>,
): void {
  const { definition } = trigger;
  const label = `Trigger "${definition.name}" (v${trigger.version})`;
  const vars = {
    ...taskVariables(d.task),
    ...eventVars,
    ...commonVariables(config, { id: trigger.triggerId, name: definition.name }),
  };
  let problem: string;
  try {
    const rendered = renderTemplate(definition.action.params, vars) as Record<string, unknown>;
    const parsed = ActionParamsSchema.safeParse({ ...rendered, kind: definition.action.kind });
    if (parsed.success) {
      const action = emit(d, parsed.data, {
        requestedBy: { type: 'Trigger', id: trigger.triggerId },
        trigger: { id: trigger.triggerId, version: trigger.version },
      });
      note(d, {
        source: 'autoflow',
        kind: 'trigger.fired',
        message: `${label} fired: ${definition.action.kind}`,
        ids: { actionId: action.actionId, triggerId: trigger.triggerId },
      });
      return;
    }
    problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  note(d, {
    source: 'autoflow',
    kind: 'trigger.skipped',
    message: `${label} skipped: ${problem}`,
    ids: { triggerId: trigger.triggerId },
  });
}
