import { describe, expect, it } from 'vitest';
import { budgetIncrementOf, utcDay } from '#core/policy/budget.js';
import { createAction, REPO } from '../../../helpers/factories.js';

const AGENT = '/opencode implement';
const issue = (body: string) =>
  createAction({
    params: { kind: 'github.create_issue', repo: REPO, title: 't', body, labels: [], marker: 'm' },
  });

describe('budgets', () => {
  it('counts the UTC day', () => {
    expect(utcDay(new Date('2026-11-25T23:59:59.000-02:00'))).toBe('2026-11-26');
  });

  it('counts an issue for the agent as an issue and an agent run', () => {
    expect(budgetIncrementOf(issue(`spec\n\n${AGENT}`), AGENT)).toEqual({ issuesCreated: 1, agentRuns: 1 });
  });

  it('counts an issue not addressed to the agent as an issue only', () => {
    expect(budgetIncrementOf(issue('just a note'), AGENT)).toEqual({ issuesCreated: 1, agentRuns: 0 });
  });

  it('counts a comment asking the agent again as an agent run, and other effects as nothing', () => {
    const ask = createAction({ params: { kind: 'github.comment', repo: REPO, issueNumber: 7, body: AGENT } });
    const plain = createAction({
      params: { kind: 'github.comment', repo: REPO, issueNumber: 7, body: 'hi' },
    });
    expect(budgetIncrementOf(ask, AGENT)).toEqual({ issuesCreated: 0, agentRuns: 1 });
    expect(budgetIncrementOf(plain, AGENT)).toBeUndefined();
  });
});
