import { BUILT_IN_TRIGGERS, type BuiltInTriggerId } from './built-ins.js';
import type { UserTrigger } from './trigger.js';

/** What `decide` needs of the registry: switches of the built-ins, and the enabled user triggers. */
export interface TriggerSet {
  /** Stored switches of the built-ins; a missing one has its default. */
  builtIns: Partial<Record<BuiltInTriggerId, boolean>>;
  /** Enabled user triggers, active versions. */
  user: UserTrigger[];
}

/** The registry of a project that never changed anything: built-in defaults, no user triggers. */
export const DEFAULT_TRIGGER_SET: TriggerSet = { builtIns: {}, user: [] };

/** True when the built-in runs: required ones always, the others as switched (else their default). */
export function isBuiltInEnabled(set: TriggerSet, id: BuiltInTriggerId): boolean {
  const builtIn = BUILT_IN_TRIGGERS.find((t) => t.id === id);
  if (!builtIn) return false;
  if (builtIn.required) return true;
  return set.builtIns[id] ?? builtIn.enabledByDefault;
}
