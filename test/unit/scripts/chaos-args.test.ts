import { describe, expect, it } from 'vitest';
import { defaultTimeoutMs, parseChaosArgs } from '../../../scripts/chaos/args.js';

describe('chaos runner arguments', () => {
  it('waits 240 s by default, and 3 s per task for larger runs', () => {
    expect(parseChaosArgs([]).timeoutMs).toBe(240_000);
    expect(parseChaosArgs(['--tasks', '200', '--seed', '1'])).toEqual({
      tasks: 200,
      seed: 1,
      ciFailRate: 0.25,
      timeoutMs: 600_000,
    });
    expect(defaultTimeoutMs(80)).toBe(240_000);
  });

  it('keeps an explicit timeout', () => {
    expect(parseChaosArgs(['--tasks', '200', '--timeout-ms', '90000']).timeoutMs).toBe(90_000);
  });

  it('names a bad flag', () => {
    expect(() => parseChaosArgs(['--tasks', '0'])).toThrow(/tasks/);
    expect(() => parseChaosArgs(['--timeout-ms', '10'])).toThrow(/timeoutMs/);
    expect(() => parseChaosArgs(['--speed', '3'])).toThrow(/speed/);
  });
});
