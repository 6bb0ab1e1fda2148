import { z } from 'zod';
import { TaskStatusSchema } from '../task.js';

/** Action kinds a user trigger may run (the core loop's own writes stay with the built-ins). */
export const USER_ACTION_KINDS = [
  'http.post',
  'notify',
  'github.workflow_dispatch',
  'github.approve_workflow_run',
  'github.comment',
  'asana.comment',
] as const;
export type UserActionKind = (typeof USER_ACTION_KINDS)[number];

/** Which normalised event or task transition a trigger fires on. */
export const EventPatternSchema = z.discriminatedUnion('on', [
  /** The task's status becomes `to` (e.g. DEPLOYED). */
  z.object({ on: z.literal('task.status_changed'), to: TaskStatusSchema }),
  /** CI failed on the merge commit (the task moved to FAILED after its PR merged). */
  z.object({ on: z.literal('ci.failed_after_merge') }),
  /** The task's linked PR got this label. */
  z.object({ on: z.literal('pr.labeled'), label: z.string().min(1).max(100) }),
  /** A workflow run on the head of the task's PR waits for approval (fork, first-time contributor). */
  z.object({ on: z.literal('workflow_run.action_required') }),
  /** Only when started by hand (`startTriggerById`). */
  z.object({ on: z.literal('manual') }),
]);
export type EventPattern = z.infer<typeof EventPatternSchema>;
export type TriggerEventName = EventPattern['on'];

/** The effect a trigger runs: a kind and its parameters, strings may hold `{{task.title}}` placeholders. */
export const ActionTemplateSchema = z.object({
  kind: z.enum(USER_ACTION_KINDS),
  params: z.record(z.string(), z.json()),
});
export type ActionTemplate = z.infer<typeof ActionTemplateSchema>;

/** One input a manual run takes (`{{inputs.name}}` in the template). */
export const TriggerInputSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'letters, digits and _; starts with a letter'),
  type: z.enum(['string', 'number', 'boolean']),
  required: z.boolean().default(true),
  description: z.string().max(200).optional(),
  /** Allowed values (strings only). */
  choices: z.array(z.string().min(1)).min(1).optional(),
});
export type TriggerInput = z.infer<typeof TriggerInputSchema>;

/** What a person edits: everything of a trigger that is versioned. */
export const TriggerDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).default(''),
  pattern: EventPatternSchema,
  action: ActionTemplateSchema,
  inputs: z.array(TriggerInputSchema).max(20).default([]),
});
export type TriggerDefinition = z.infer<typeof TriggerDefinitionSchema>;

/** A trigger id: lower-case words and dashes (it is also its Cedar principal, `Trigger::"<id>"`). */
export const TriggerIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes; starts with a letter');

/** One immutable saved version of a user trigger. */
export const TriggerVersionSchema = z.object({
  projectId: z.string().min(1),
  triggerId: TriggerIdSchema,
  version: z.number().int().positive(),
  definition: TriggerDefinitionSchema,
  savedBy: z.string().min(1),
  savedAt: z.string(),
});
export type TriggerVersion = z.infer<typeof TriggerVersionSchema>;

/** A user trigger as the registry holds it: the active version, and whether it runs. */
export const UserTriggerSchema = TriggerVersionSchema.extend({
  enabled: z.boolean(),
  /** Who last enabled or disabled it, and when. */
  changedBy: z.string().min(1),
  changedAt: z.string(),
});
export type UserTrigger = z.infer<typeof UserTriggerSchema>;
