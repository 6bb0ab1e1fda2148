import { AutoFlowError } from '../errors.js';

/** A trigger that exists but is disabled was asked to run. */
export class TriggerDisabledError extends AutoFlowError {
  override name = 'TriggerDisabledError' as const;
}

/** A change a built-in trigger does not allow (disabling one the core loop needs, editing its behaviour). */
export class BuiltInTriggerError extends AutoFlowError {
  override name = 'BuiltInTriggerError' as const;
}
