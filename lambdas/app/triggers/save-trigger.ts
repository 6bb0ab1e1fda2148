import { NotFoundError, ValidationError } from '#core/errors.js';
import { builtInTrigger } from '#core/triggers/built-ins.js';
import { BuiltInTriggerError } from '#core/triggers/errors.js';
import { TriggerIdSchema, type UserTrigger } from '#core/triggers/trigger.js';
import { parseTriggerDefinition } from '#core/triggers/validate.js';
import { parseOrThrow } from '#core/validation.js';
import type { AuditLog, Clock, TriggerSecrets, TriggerStore } from '#lambdas/ports.js';

/** Ports the trigger administration needs. */
export interface TriggerAdminDeps {
  triggers: TriggerStore;
  triggerSecrets: TriggerSecrets;
  audit: AuditLog;
  clock: Clock;
}

/** A create or update of a user trigger. */
export interface SaveTriggerInput {
  projectId: string;
  triggerId: string;
  /** The definition as sent (validated here: schema, placeholders, parameters). */
  definition: unknown;
  /** The active version the editor started from; undefined creates the trigger. */
  baseVersion: number | undefined;
  /** A new secret (HMAC key, Slack webhook URL, Telegram bot token); write-only. */
  secret?: string;
  /** @default true on creation; an update keeps the current switch */
  enabled?: boolean;
  by: string;
}

/**
 * Saves a new immutable version of a user trigger and makes it active (conditional on the version
 * the editor saw), stores its secret when given, and audits the change (never the secret).
 */
export async function saveTrigger(input: SaveTriggerInput, deps: TriggerAdminDeps): Promise<UserTrigger> {
  const triggerId = parseOrThrow(TriggerIdSchema, input.triggerId, 'trigger id');
  if (builtInTrigger(triggerId) || triggerId === 'core-loop')
    throw new BuiltInTriggerError(`${triggerId} is a built-in trigger: its behaviour cannot be edited`);
  const definition = parseTriggerDefinition(input.definition);
  const current = await deps.triggers.getTrigger(input.projectId, triggerId);
  if (input.baseVersion !== undefined && !current) throw new NotFoundError(`Trigger ${triggerId} not found`);
  if (input.baseVersion === undefined && current)
    throw new ValidationError(`Trigger ${triggerId} already exists`, [
      { path: 'id', message: 'is taken; update it with its version instead' },
    ]);
  const at = deps.clock.now().toISOString();
  const version = (input.baseVersion ?? 0) + 1;
  const enabled = input.enabled ?? current?.enabled ?? true;
  await deps.triggers.saveTriggerVersion(
    { projectId: input.projectId, triggerId, version, definition, savedBy: input.by, savedAt: at },
    input.baseVersion,
    enabled,
  );
  if (input.secret !== undefined) await deps.triggerSecrets.put(input.projectId, triggerId, input.secret);
  await deps.audit.append({
    chain: input.projectId,
    type: 'trigger.saved',
    at,
    actor: input.by,
    subject: triggerId,
    data: {
      version,
      enabled,
      pattern: definition.pattern,
      kind: definition.action.kind,
      params: definition.action.params,
      inputs: definition.inputs.map((i) => i.name),
      secretChanged: input.secret !== undefined,
    },
  });
  return {
    projectId: input.projectId,
    triggerId,
    version,
    definition,
    savedBy: input.by,
    savedAt: at,
    enabled,
    changedBy: input.by,
    changedAt: at,
  };
}
