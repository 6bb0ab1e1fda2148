import { AutoFlowError } from '../errors.js';

/** No valid session or wrong credentials (the message never says which part was wrong). */
export class AuthenticationError extends AutoFlowError {
  override name = 'AuthenticationError' as const;
}

/** Signed in, but the role does not allow this. */
export class PermissionDeniedError extends AutoFlowError {
  override name = 'PermissionDeniedError' as const;
}

/** Too many failed attempts: wait `retryAfterSeconds`. */
export class ThrottledError extends AutoFlowError {
  override name = 'ThrottledError' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The invite link is unknown, used or expired. */
export class InviteUnavailableError extends AutoFlowError {
  override name = 'InviteUnavailableError' as const;
}

/** The first admin exists already: the init token is spent. */
export class AlreadyInitialisedError extends AutoFlowError {
  override name = 'AlreadyInitialisedError' as const;
}
