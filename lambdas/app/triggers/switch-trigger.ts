import { NotFoundError } from '#core/errors.js';
import { builtInTrigger } from '#core/triggers/built-ins.js';
import { BuiltInTriggerError } from '#core/triggers/errors.js';
import type { TriggerAdminDeps } from './save-trigger.js';

/**
 * Enables or disables a trigger (user or built-in; no new version) and audits it. A required
 * built-in keeps the core loop's invariants, so disabling one is refused.
 */
export async function switchTrigger(
  input: { projectId: string; triggerId: string; enabled: boolean; by: string },
  deps: Pick<TriggerAdminDeps, 'triggers' | 'audit' | 'clock'>,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const builtIn = builtInTrigger(input.triggerId);
  if (builtIn?.required && !input.enabled)
    throw new BuiltInTriggerError(`${builtIn.id} is required by the core loop and cannot be disabled`);
  if (builtIn) {
    await deps.triggers.setBuiltInEnabled(input.projectId, builtIn.id, input.enabled, input.by, at);
  } else {
    const current = await deps.triggers.getTrigger(input.projectId, input.triggerId);
    if (!current) throw new NotFoundError(`Trigger ${input.triggerId} not found`);
    await deps.triggers.setTriggerEnabled(input.projectId, input.triggerId, input.enabled, input.by, at);
  }
  await deps.audit.append({
    chain: input.projectId,
    type: 'trigger.switched',
    at,
    actor: input.by,
    subject: input.triggerId,
    data: { enabled: input.enabled, builtIn: builtIn !== undefined },
  });
}
