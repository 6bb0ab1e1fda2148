import { z } from 'zod';
import { ActionTemplateSchema, TriggerDefinitionSchema, TriggerIdSchema } from '#core/triggers/trigger.js';

// Request bodies of the trigger registry, shared by the console routes and /api/v1.

const secret = z.string().trim().min(8, 'must be at least 8 characters').max(2000);

/** A new user trigger (its definition is checked by `saveTrigger`). */
export const CreateTriggerBodySchema = z.strictObject({
  id: TriggerIdSchema,
  definition: z.unknown(),
  /** Write-only: stored in the secret store, never returned. */
  secret: secret.optional(),
  enabled: z.boolean().optional(),
});

/** A new version of a user trigger. */
export const UpdateTriggerBodySchema = z.strictObject({
  /** The active version the editor started from (optimistic concurrency). */
  baseVersion: z.number().int().positive(),
  definition: z.unknown(),
  secret: secret.optional(),
});

/** Turns a trigger on or off. */
export const SwitchTriggerBodySchema = z.strictObject({ enabled: z.boolean() });

/** A manual run: the trigger's declared inputs, optionally for one task. */
export const StartTriggerBodySchema = z.strictObject({
  inputs: z.record(z.string(), z.unknown()).default({}),
  taskId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a task id')
    .optional(),
});

/**
 * A trigger definition as a document states it: the core schema, with the template's parameter values
 * as any JSON (a body holds nothing else), which keeps the JSON Schema free of recursive references.
 */
export const TriggerDefinitionDocSchema = TriggerDefinitionSchema.extend({
  action: ActionTemplateSchema.extend({ params: z.record(z.string(), z.unknown()) }),
});
