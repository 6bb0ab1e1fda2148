import { describe, expect, it } from 'vitest';
import { benchReconcileSpacing } from '../../../scripts/bench/reconcile-spacing.js';

describe('reconcile spacing bench', () => {
  it('checks a task quiet for a day far less often than every run, and at least hourly at the end', () => {
    const day = benchReconcileSpacing(24);
    const twoDays = benchReconcileSpacing(48);

    expect(day.everyRun).toBe(288);
    expect(day.spaced).toBeLessThan(day.everyRun / 5);
    // Past four hours of quiet the spacing is capped at an hour: the second day adds about 24 checks.
    expect(twoDays.spaced - day.spaced).toBeGreaterThanOrEqual(22);
    expect(twoDays.spaced - day.spaced).toBeLessThanOrEqual(26);
  });
});
