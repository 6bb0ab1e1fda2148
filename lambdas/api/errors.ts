import { AutoFlowError } from '#core/errors.js';

/** A state-changing request failed the CSRF checks (origin or token). */
export class CsrfError extends AutoFlowError {
  override name = 'CsrfError' as const;
}

/** A task command does not apply to the task as it is; the message says why. */
export class CommandRejectedError extends AutoFlowError {
  override name = 'CommandRejectedError' as const;
}

/** The kill switch forbids the effect a request asked for. */
export class KillSwitchOnError extends AutoFlowError {
  override name = 'KillSwitchOnError' as const;
}

/** The request body is not JSON (or not sent as JSON). */
export class BadBodyError extends AutoFlowError {
  override name = 'BadBodyError' as const;
}
