import { describe, expect, it } from 'vitest';
import { listPlaceholders, readDefinition, STATE_MACHINES, substitute } from '../../../statemachines/load.js';

interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string; ErrorEquals: string[] }[];
  Retry?: { ErrorEquals: string[] }[];
  Resource?: string;
}
interface Definition {
  StartAt: string;
  States: Record<string, State>;
}

const targets = (s: State) =>
  [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)].filter(
    Boolean,
  ) as string[];

describe.each(STATE_MACHINES)('%s.asl.json', (name) => {
  const text = readDefinition(name);
  const definition = JSON.parse(text) as Definition;

  it('points every Next, Default, Choice and Catch at an existing state', () => {
    for (const state of Object.values(definition.States)) {
      for (const next of targets(state))
        expect(definition.States, `missing state ${next}`).toHaveProperty(next);
    }
  });

  it('reaches every state from StartAt', () => {
    const seen = new Set<string>();
    const visit = (n: string) => {
      if (seen.has(n)) return;
      seen.add(n);
      targets(definition.States[n]!).forEach(visit);
    };
    visit(definition.StartAt);
    expect([...seen].sort()).toEqual(Object.keys(definition.States).sort());
  });

  it('gives every Task a Retry for transient errors', () => {
    for (const [stateName, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task') continue;
      expect(state.Retry?.length, stateName).toBeGreaterThan(0);
    }
  });

  it('gives every Task that can fail an effect a Catch', () => {
    for (const [stateName, state] of Object.entries(definition.States)) {
      if (state.Type === 'Task' && !stateName.startsWith('Record'))
        expect(state.Catch?.length, stateName).toBeGreaterThan(0);
    }
  });

  it('uses placeholders only for function ARNs, and substitutes them all', () => {
    const placeholders = listPlaceholders(text);
    expect(placeholders.every((p) => p.endsWith('Arn'))).toBe(true);
    const values = Object.fromEntries(
      placeholders.map((p) => [p, `arn:aws:lambda:eu-west-1:1:function:${p}`]),
    );
    expect(substitute(text, values)).not.toMatch(/\$\{/);
    expect(() => substitute(text, {})).toThrow(/Missing values for placeholders/);
  });
});
