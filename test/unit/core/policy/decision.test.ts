import { describe, expect, it } from 'vitest';
import { combineDecision, describeDecision, parseApprovals, type PolicyInfo } from '#core/policy/decision.js';

const policies = new Map<string, PolicyInfo>([
  ['routine', { effect: 'permit', approvals: 0 }],
  ['one', { effect: 'permit', approvals: 1 }],
  ['two', { effect: 'permit', approvals: 2 }],
  ['kill', { effect: 'forbid', approvals: 0 }],
]);

describe('combineDecision', () => {
  it('allows when every determining permit needs no approval', () => {
    expect(combineDecision({ allowed: true, reasons: ['routine'], errors: [] }, policies, 'v1')).toEqual({
      decision: 'allow',
      approvals: 0,
      determiningPolicies: ['routine'],
      errors: [],
      policyVersion: 'v1',
    });
  });

  it('asks the approvals of the strictest determining permit', () => {
    const d = combineDecision(
      { allowed: true, reasons: ['two', 'routine', 'one'], errors: [] },
      policies,
      'v1',
    );
    expect(d).toMatchObject({
      decision: 'approve',
      approvals: 2,
      determiningPolicies: ['one', 'routine', 'two'],
    });
  });

  it('denies with the forbidding policies, ignoring approvals', () => {
    const d = combineDecision(
      { allowed: false, reasons: ['kill'], errors: ['x: boom'] },
      policies,
      'default',
    );
    expect(d).toEqual({
      decision: 'deny',
      approvals: 0,
      determiningPolicies: ['kill'],
      errors: ['x: boom'],
      policyVersion: 'default',
    });
  });
});

describe('parseApprovals', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['0', undefined],
    ['3', undefined],
    ['one', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (value, expected) => {
    expect(parseApprovals(value)).toBe(expected);
  });
});

describe('describeDecision', () => {
  it('names the outcome, the policies and the version', () => {
    expect(
      describeDecision({
        decision: 'approve',
        approvals: 1,
        determiningPolicies: ['one'],
        errors: [],
        policyVersion: 'v2',
      }),
    ).toBe('approve ×1 (one; policy v2)');
    expect(
      describeDecision({
        decision: 'deny',
        approvals: 0,
        determiningPolicies: [],
        errors: [],
        policyVersion: 'default',
      }),
    ).toBe('deny (no permit matched; policy default)');
  });
});
