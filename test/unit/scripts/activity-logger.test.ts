import { describe, expect, it } from 'vitest';
import { activityLogger } from '../../../scripts/chaos/activity-logger.js';
import { memoryLogger } from '../../helpers/memory-ports.js';

describe('activityLogger', () => {
  it('counts deferrals and sums reconcile summaries, passing every line on', () => {
    const inner = memoryLogger();
    const logger = activityLogger(inner);

    logger.warn('delivery deferred: rate limited', { delaySeconds: 1 });
    logger.warn('delivery deferred: rate limited', { delaySeconds: 2 });
    logger.info('reconcile summary', { repaired: 3, githubRedelivered: 2, asanaBackfilled: 1 });
    logger.info('reconcile summary', { repaired: 1, githubRedelivered: 0, asanaBackfilled: 0 });
    logger.info('hold released at Record: the kill switch went off meanwhile', { releases: 1 });
    logger.info('something else', { repaired: 99 });

    expect(logger.activity).toEqual({
      deferred: 2,
      reconcileRuns: 2,
      repaired: 4,
      githubRedelivered: 2,
      asanaBackfilled: 1,
      releasedAtRecord: 1,
    });
    expect(inner.lines.map((l) => l.message)).toHaveLength(6);
  });
});
