/** Base of every domain error; `name` is a literal so ASL Retry/Catch can match it after bundling. */
export class AutoFlowError extends Error {
  override name = 'AutoFlowError';
}

/** A conditional write lost a race: someone else saved the task first. */
export class VersionConflictError extends AutoFlowError {
  override name = 'VersionConflictError' as const;
}

/** A reference (Asana gid, issue, PR, merge SHA) already points at another task. */
export class ReferenceConflictError extends AutoFlowError {
  override name = 'ReferenceConflictError' as const;
}

/** The thing asked for does not exist. */
export class NotFoundError extends AutoFlowError {
  override name = 'NotFoundError' as const;
}

/** Input failed validation; `issues` name each field and reason. */
export class ValidationError extends AutoFlowError {
  override name = 'ValidationError' as const;
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** A transient failure of an integration (5xx, throttling, timeout): safe to retry. */
export class TransientIntegrationError extends AutoFlowError {
  override name = 'TransientIntegrationError' as const;
}

/** A permanent failure of an integration (4xx other than throttling): retrying will not help. */
export class PermanentIntegrationError extends AutoFlowError {
  override name = 'PermanentIntegrationError' as const;
}

/** A capability or signature check failed. */
export class UnauthorizedError extends AutoFlowError {
  override name = 'UnauthorizedError' as const;
}
