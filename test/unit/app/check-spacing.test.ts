import { describe, expect, it } from 'vitest';
import { isDue } from '#lambdas/app/reconcile/find-stuck.js';

const WINDOW = 5 * 60_000;
const at = (minutes: number) => Date.parse('2026-11-25T10:00:00.000Z') + minutes * 60_000;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

describe('reconcile check spacing (isDue)', () => {
  it('checks a task never checked, however quiet', () => {
    expect(isDue({ updatedAt: iso(-600) }, at(0), WINDOW)).toBe(true);
  });

  it('checks a task that just went quiet every window', () => {
    const task = { updatedAt: iso(-10), checkedAt: iso(-5) };
    expect(isDue(task, at(0), WINDOW)).toBe(true);
    expect(isDue({ ...task, checkedAt: iso(-2) }, at(0), WINDOW)).toBe(false);
  });

  it('waits a quarter of the quiet time after a check', () => {
    // Quiet for 80 minutes: the next check is 20 minutes after the last, less half a window of slack.
    expect(isDue({ updatedAt: iso(-80), checkedAt: iso(-17) }, at(0), WINDOW)).toBe(false);
    expect(isDue({ updatedAt: iso(-80), checkedAt: iso(-18) }, at(0), WINDOW)).toBe(true);
  });

  it('checks a task quiet for days at least every twelve windows', () => {
    const task = { updatedAt: iso(-3 * 24 * 60) };
    expect(isDue({ ...task, checkedAt: iso(-55) }, at(0), WINDOW)).toBe(false);
    expect(isDue({ ...task, checkedAt: iso(-58) }, at(0), WINDOW)).toBe(true);
  });
});
