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
  ItemProcessor?: Definition;
}
interface Definition {
  StartAt: string;
  States: Record<string, State>;
}

/** The definition and every nested one (Map item processors), each checked on its own. */
const scopes = (d: Definition): Definition[] => [
  d,
  ...Object.values(d.States).flatMap((s) => (s.ItemProcessor ? scopes(s.ItemProcessor) : [])),
];
const allStates = (d: Definition): [string, State][] =>
  scopes(d).flatMap((scope) => Object.entries(scope.States));

const targets = (s: State) =>
  [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)].filter(
    Boolean,
  ) as string[];

describe.each(STATE_MACHINES)('%s.asl.json', (name) => {
  const text = readDefinition(name);
  const definition = JSON.parse(text) as Definition;

  it('points every Next, Default, Choice and Catch at an existing state of its scope', () => {
    for (const scope of scopes(definition)) {
      for (const state of Object.values(scope.States)) {
        for (const next of targets(state)) expect(scope.States, `missing state ${next}`).toHaveProperty(next);
      }
    }
  });

  it('reaches every state of each scope from its StartAt', () => {
    for (const scope of scopes(definition)) {
      const seen = new Set<string>();
      const visit = (n: string) => {
        if (seen.has(n)) return;
        seen.add(n);
        targets(scope.States[n]!).forEach(visit);
      };
      visit(scope.StartAt);
      expect([...seen].sort()).toEqual(Object.keys(scope.States).sort());
    }
  });

  it('gives every Task a Retry for transient errors', () => {
    for (const [stateName, state] of allStates(definition)) {
      if (state.Type === 'Task') expect(state.Retry?.length, stateName).toBeGreaterThan(0);
    }
  });

  it('gives every Task a Catch, unless its Retry already covers every error (bookkeeping steps)', () => {
    for (const [stateName, state] of allStates(definition)) {
      if (state.Type !== 'Task') continue;
      const retriesAll = state.Retry?.some((r) => r.ErrorEquals.includes('States.ALL')) ?? false;
      if (!retriesAll) expect(state.Catch?.length, stateName).toBeGreaterThan(0);
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
