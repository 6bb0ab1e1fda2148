import type { Logger } from '#lambdas/ports.js';

/** What the product did to recover during a chaos run, read from the log lines it writes anyway. */
export interface RecoveryActivity {
  /** Deliveries put back on the queue because an integration rate-limited them. */
  deferred: number;
  /** Reconcile runs that got past their lease, and what they repaired. */
  reconcileRuns: number;
  repaired: number;
  githubRedelivered: number;
  asanaBackfilled: number;
  /** Holds that Record released because the kill switch went off after Evaluate read it. */
  releasedAtRecord: number;
}

/**
 * Wraps a logger and counts the recovery lines the worker, Record and the reconciler log ("delivery
 * deferred", "hold released at Record", "reconcile summary") as they pass, so the chaos report can print them without any extra plumbing.
 */
export function activityLogger(inner: Logger): Logger & { activity: RecoveryActivity } {
  const activity: RecoveryActivity = {
    deferred: 0,
    reconcileRuns: 0,
    repaired: 0,
    githubRedelivered: 0,
    asanaBackfilled: 0,
    releasedAtRecord: 0,
  };
  const count = (message: string, extra: Record<string, unknown>[]) => {
    if (message === 'delivery deferred: rate limited') activity.deferred++;
    if (message === 'hold released at Record: the kill switch went off meanwhile')
      activity.releasedAtRecord++;
    if (message !== 'reconcile summary') return;
    const summary = (extra[0] ?? {}) as Partial<Record<keyof RecoveryActivity, number>>;
    activity.reconcileRuns++;
    activity.repaired += summary.repaired ?? 0;
    activity.githubRedelivered += summary.githubRedelivered ?? 0;
    activity.asanaBackfilled += summary.asanaBackfilled ?? 0;
  };
  return {
    activity,
    debug: (message, ...extra) => inner.debug(message, ...extra),
    info: (message, ...extra) => (count(message, extra), inner.info(message, ...extra)),
    warn: (message, ...extra) => (count(message, extra), inner.warn(message, ...extra)),
    error: (message, ...extra) => inner.error(message, ...extra),
  };
}
