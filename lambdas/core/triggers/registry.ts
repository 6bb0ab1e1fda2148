import { z } from 'zod';
import { BUILT_IN_TRIGGERS, BUILT_IN_VERSION, type BuiltInTrigger } from './built-ins.js';
import type { UserTrigger } from './trigger.js';
import type { TriggerSet } from './trigger-set.js';

/** A built-in's stored switch: who turned it on or off, and when. */
export const BuiltInSwitchSchema = z.object({
  projectId: z.string().min(1),
  triggerId: z.string().min(1),
  enabled: z.boolean(),
  changedBy: z.string().min(1),
  changedAt: z.string(),
});
export type BuiltInSwitch = z.infer<typeof BuiltInSwitchSchema>;

/** A built-in as the registry lists it. */
export interface BuiltInView {
  triggerId: BuiltInTrigger['id'];
  builtIn: true;
  name: string;
  description: string;
  on: string;
  /** Required built-ins keep the core loop's invariants: they are shown but cannot be disabled. */
  required: boolean;
  enabled: boolean;
  version: number;
  changedBy?: string;
  changedAt?: string;
}

/** Every built-in with its effective switch. */
export function builtInViews(switches: BuiltInSwitch[]): BuiltInView[] {
  return BUILT_IN_TRIGGERS.map((t) => {
    const stored = switches.find((s) => s.triggerId === t.id);
    return {
      triggerId: t.id,
      builtIn: true,
      name: t.name,
      description: t.description,
      on: t.on,
      required: t.required,
      enabled: t.required ? true : (stored?.enabled ?? t.enabledByDefault),
      version: BUILT_IN_VERSION,
      ...(stored ? { changedBy: stored.changedBy, changedAt: stored.changedAt } : {}),
    };
  });
}

/** The set `decide` consults: built-in switches and the enabled user triggers. */
export function triggerSetOf(switches: BuiltInSwitch[], user: UserTrigger[]): TriggerSet {
  return {
    builtIns: Object.fromEntries(switches.map((s) => [s.triggerId, s.enabled])),
    user: user.filter((t) => t.enabled),
  };
}
