import { z } from 'zod';
import { ActionParamsSchema } from '#core/actions.js';
import { NotFoundError } from '#core/errors.js';
import { BUILT_IN_TRIGGERS, builtInTrigger } from '#core/triggers/built-ins.js';
import { builtInViews, type BuiltInView } from '#core/triggers/registry.js';
import { TriggerVersionSchema, UserTriggerSchema, type UserTrigger } from '#core/triggers/trigger.js';
import type { TriggerSecrets, TriggerStore } from '#lambdas/ports.js';
import { TriggerDefinitionDocSchema } from '../triggers/trigger-bodies.js';

/** Ports the trigger views read. */
export interface TriggerViewDeps {
  triggers: TriggerStore;
  triggerSecrets: TriggerSecrets;
}

/** A built-in as the registry lists it (switchable unless required). */
export const BuiltInTriggerViewSchema = z.object({
  triggerId: z.enum(BUILT_IN_TRIGGERS.map((t) => t.id) as [BuiltInView['triggerId']]),
  builtIn: z.literal(true),
  name: z.string(),
  description: z.string(),
  on: z.string(),
  required: z.boolean(),
  enabled: z.boolean(),
  version: z.number().int(),
  changedBy: z.string().optional(),
  changedAt: z.string().optional(),
});

/** One saved version of a user trigger. */
export const TriggerVersionViewSchema = TriggerVersionSchema.extend({
  definition: TriggerDefinitionDocSchema,
});

/** A user trigger's active version: whether a secret is set, never the secret. */
export const UserTriggerViewSchema = UserTriggerSchema.extend({
  definition: TriggerDefinitionDocSchema,
  builtIn: z.literal(false),
  secretSet: z.boolean(),
});
export type UserTriggerView = z.infer<typeof UserTriggerViewSchema>;

/** The registry: every built-in, then the user triggers. */
export const TriggerListSchema = z.object({
  builtIns: z.array(BuiltInTriggerViewSchema),
  items: z.array(UserTriggerViewSchema),
});

/** One trigger with its versions, newest first (a built-in has none). */
export const TriggerDetailSchema = z.object({
  trigger: z.discriminatedUnion('builtIn', [UserTriggerViewSchema, BuiltInTriggerViewSchema]),
  versions: z.array(TriggerVersionViewSchema),
});

/** A started manual run: the action the action machine now carries. */
export const StartedRunSchema = z.object({
  actionId: z.string(),
  taskId: z.string(),
  params: ActionParamsSchema,
});

/** A user trigger as shown: its active version and whether a secret is set. */
export async function userTriggerView(
  trigger: UserTrigger,
  deps: Pick<TriggerViewDeps, 'triggerSecrets'>,
): Promise<UserTriggerView> {
  return {
    ...trigger,
    builtIn: false as const,
    secretSet: await deps.triggerSecrets.has(trigger.projectId, trigger.triggerId),
  };
}

/** The registry of a project: built-ins with their switches, and the user triggers. */
export async function readTriggerList(
  projectId: string,
  deps: TriggerViewDeps,
): Promise<z.infer<typeof TriggerListSchema>> {
  const [user, switches] = await Promise.all([
    deps.triggers.listTriggers(projectId),
    deps.triggers.listBuiltInSwitches(projectId),
  ]);
  return {
    builtIns: builtInViews(switches),
    items: await Promise.all(user.map((t) => userTriggerView(t, deps))),
  };
}

/** One trigger and its versions; NotFoundError when the project has no such trigger. */
export async function readTriggerDetail(
  projectId: string,
  triggerId: string,
  deps: TriggerViewDeps,
): Promise<z.infer<typeof TriggerDetailSchema>> {
  if (builtInTrigger(triggerId)) {
    const switches = await deps.triggers.listBuiltInSwitches(projectId);
    const trigger = builtInViews(switches).find((t) => t.triggerId === triggerId);
    if (trigger) return { trigger, versions: [] };
  }
  const trigger = await deps.triggers.getTrigger(projectId, triggerId);
  if (!trigger) throw new NotFoundError(`Trigger ${triggerId} not found`);
  const versions = await deps.triggers.listTriggerVersions(projectId, triggerId);
  return { trigger: await userTriggerView(trigger, deps), versions };
}
