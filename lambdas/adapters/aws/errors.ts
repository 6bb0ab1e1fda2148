import { AutoFlowError } from '#core/errors.js';

/** A stored item does not match its schema: the data is corrupt (a server fault, not bad input). */
export class InvalidItemError extends AutoFlowError {
  override name = 'InvalidItemError' as const;
}
