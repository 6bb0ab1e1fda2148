import { describe, expect, it } from 'vitest';
import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { CedarPolicyDecisionPoint } from '#adapters/cedar/cedar-policy-decision-point.js';
import { shippedDefaultPolicies, shippedSchema } from '#adapters/cedar/shipped-policies.js';
import { staticPolicySource } from '#adapters/stored-policy-source.js';
import type { Action, ActionParams } from '#core/actions.js';
import { buildPolicyRequest } from '#core/policy/request.js';
import { createAction, REPO } from '../../../helpers/factories.js';

const engine = new CedarEngine(shippedSchema());

function pdp(text = shippedDefaultPolicies(), version = 'default') {
  return new CedarPolicyDecisionPoint({ engine, policies: staticPolicySource(text, version) });
}

const CREATE: ActionParams = {
  kind: 'github.create_issue',
  repo: REPO,
  title: 't',
  body: 'b',
  labels: [],
  marker: 'm',
};
const CLOSE: ActionParams = { kind: 'github.close_issue', repo: REPO, issueNumber: 7, reason: 'not_planned' };

function request(
  params: ActionParams,
  facts: { killSwitch?: boolean; now?: string } = {},
  extra: Partial<Action> = {},
) {
  return buildPolicyRequest(createAction({ params, ...extra }), {
    projectSlug: 'acme',
    now: new Date(facts.now ?? '2026-11-25T10:00:00.000Z'),
    killSwitch: facts.killSwitch ?? false,
  });
}

describe('CedarPolicyDecisionPoint with the default policy set', () => {
  it('allows routine writes without approval, naming the determining policy', async () => {
    await expect(pdp().evaluate(request(CREATE))).resolves.toEqual({
      decision: 'allow',
      approvals: 0,
      determiningPolicies: ['routine-writes'],
      errors: [],
      policyVersion: 'default',
    });
  });

  it('asks one approval for closing an issue', async () => {
    const decision = await pdp().evaluate(request(CLOSE));
    expect(decision).toMatchObject({
      decision: 'approve',
      approvals: 1,
      determiningPolicies: ['close-issue-needs-approval'],
    });
  });

  it('denies everything while the kill switch is on', async () => {
    for (const params of [CREATE, CLOSE]) {
      const decision = await pdp().evaluate(request(params, { killSwitch: true }));
      expect(decision).toMatchObject({ decision: 'deny', determiningPolicies: ['kill-switch'] });
    }
  });

  it('denies an action no permit covers', async () => {
    const decision = await pdp().evaluate({
      ...request(CREATE),
      action: 'github.approve_workflow_run',
      resource: { type: 'Repo', id: 'acme/web' },
    });
    expect(decision).toMatchObject({ decision: 'deny', determiningPolicies: [] });
  });

  it('asks approval for anything touching production and lets staging dispatches through', async () => {
    const base = request(CREATE);
    const prod = await pdp().evaluate({
      ...base,
      action: 'github.workflow_dispatch',
      context: { ...base.context, environment: 'production' },
    });
    const staging = await pdp().evaluate({
      ...base,
      action: 'github.workflow_dispatch',
      context: { ...base.context, environment: 'staging' },
    });
    expect(prod).toMatchObject({
      decision: 'approve',
      approvals: 1,
      determiningPolicies: ['production-needs-approval'],
    });
    expect(staging).toMatchObject({ decision: 'allow', determiningPolicies: ['non-production-dispatch'] });
  });
});

describe('CedarPolicyDecisionPoint with a project policy set', () => {
  it('lets the strictest determining permit win', async () => {
    const text = `
@id("loose") permit (principal, action == Action::"github.close_issue", resource);
@id("one") @approvals("1") permit (principal, action == Action::"github.close_issue", resource);
@id("two") @approvals("2") permit (principal, action, resource) when { context.riskClass == "high" };`;
    const decision = await pdp(text, 'v3').evaluate(request(CLOSE));
    expect(decision).toEqual({
      decision: 'approve',
      approvals: 2,
      determiningPolicies: ['loose', 'one', 'two'],
      errors: [],
      policyVersion: 'v3',
    });
  });

  it('reads the time window, the principal and the resource hierarchy', async () => {
    const text = `
@id("weekday-hours") permit (principal == Trigger::"core-loop", action, resource in Project::"proj-1")
when { context.weekdayUtc >= 1 && context.weekdayUtc <= 5 && context.hourUtc >= 8 && context.hourUtc < 18 };`;
    const wednesday = await pdp(text).evaluate(request(CREATE, { now: '2026-11-25T10:00:00.000Z' }));
    const sunday = await pdp(text).evaluate(request(CREATE, { now: '2026-11-29T10:00:00.000Z' }));
    const user = await pdp(text).evaluate(
      request(CREATE, {}, { requestedBy: { type: 'User', id: 'alice' } }),
    );
    expect([wednesday.decision, sunday.decision, user.decision]).toEqual(['allow', 'deny', 'deny']);
  });

  it('names policies without @id the way Cedar does', async () => {
    const text = Array.from({ length: 12 }, (_, i) =>
      i === 11
        ? 'permit (principal, action, resource);'
        : `forbid (principal, action, resource) when { context.hourUtc == ${i + 30} };`,
    ).join('\n');
    const decision = await pdp(text).evaluate(request(CREATE));
    expect(decision.determiningPolicies).toEqual(['policy11']);
  });

  it('recompiles when the version changes', async () => {
    let text = '@id("a") permit (principal, action, resource);';
    let version = 'v1';
    const point = new CedarPolicyDecisionPoint({
      engine,
      policies: { activePolicySet: async () => ({ version, text }) },
    });
    expect((await point.evaluate(request(CREATE))).decision).toBe('allow');
    text = '@id("b") forbid (principal, action, resource);';
    version = 'v2';
    expect(await point.evaluate(request(CREATE))).toMatchObject({
      decision: 'deny',
      determiningPolicies: ['b'],
      policyVersion: 'v2',
    });
  });
});

describe('CedarEngine.validate', () => {
  it('accepts the shipped default set', () => {
    expect(engine.validate(shippedDefaultPolicies()).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it("reports Cedar's parse error with its line", () => {
    const problems = engine.validate(
      '@id("a")\npermit (principal, action, resource)\nwhen { context.killSwitch == };',
    );
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 3,
        message: expect.stringContaining('unexpected token'),
      }),
    ]);
  });

  it('reports an unknown action and an unknown context attribute against the schema', () => {
    const problems = engine.validate(
      '@id("a") permit (principal, action == Action::"github.delete_repo", resource);\n\n@id("b") permit (principal, action, resource) when { context.mood == "good" };',
    );
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.line)).toEqual([1, 3]);
    expect(errors[0]?.message).toContain('unrecognized action');
    expect(errors[1]?.message).toContain('mood');
  });

  it('rejects a bad @approvals, @approvals on a forbid, and a duplicate @id', () => {
    const problems = engine.validate(
      [
        '@id("a") @approvals("many") permit (principal, action, resource);',
        '@id("b") @approvals("1") forbid (principal, action, resource);',
        '@id("a") permit (principal, action, resource);',
      ].join('\n'),
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, expect.stringContaining('whole number')],
      [2, expect.stringContaining('only makes sense on a permit')],
      [3, expect.stringContaining('used twice')],
    ]);
  });
});
