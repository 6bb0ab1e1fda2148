import { AutoFlowError } from '../errors.js';

/** The policy engine could not answer (a broken stored set, an engine fault). */
export class PolicyEngineError extends AutoFlowError {
  override name = 'PolicyEngineError' as const;
}
