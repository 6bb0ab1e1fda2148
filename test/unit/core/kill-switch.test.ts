import { describe, expect, it } from 'vitest';
import { activeKillSwitch } from '#core/kill-switch.js';

describe('activeKillSwitch', () => {
  it('names the switch that stops effects, the global one first, or none', () => {
    expect(activeKillSwitch({ global: true, project: true })).toBe('global');
    expect(activeKillSwitch({ global: false, project: true })).toBe('project');
    expect(activeKillSwitch({ global: false, project: false })).toBeUndefined();
  });
});
