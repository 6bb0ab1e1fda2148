import { AutoFlowError } from '../errors.js';

/** The approval was already approved, rejected or expired: a second click changes nothing. */
export class ApprovalAlreadyDecidedError extends AutoFlowError {
  override name = 'ApprovalAlreadyDecidedError' as const;
  constructor(
    message: string,
    readonly status: string,
  ) {
    super(message);
  }
}

/** The approval's wait timed out (or its token is closed): too late to decide. */
export class ApprovalExpiredError extends AutoFlowError {
  override name = 'ApprovalExpiredError' as const;
}

/** This person may not decide this approval (role too low, or the requester deciding their own). */
export class ApprovalForbiddenError extends AutoFlowError {
  override name = 'ApprovalForbiddenError' as const;
}
