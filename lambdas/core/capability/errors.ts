import { AutoFlowError } from '../errors.js';

/** Execute refused to act: the capability token is missing, forged, expired, replayed or for another effect. */
export class CapabilityRefusedError extends AutoFlowError {
  override name = 'CapabilityRefusedError' as const;
}

/** A task token can no longer be answered (the wait timed out or the execution ended). */
export class TaskTokenClosedError extends AutoFlowError {
  override name = 'TaskTokenClosedError' as const;
}
