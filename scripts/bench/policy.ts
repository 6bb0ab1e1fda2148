import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { CedarPolicyDecisionPoint } from '#adapters/cedar/cedar-policy-decision-point.js';
import { shippedSchema } from '#adapters/cedar/shipped-policies.js';
import { staticPolicySource } from '#adapters/stored-policy-source.js';
import { POLICY_ACTIONS, type PolicyRequest } from '#core/policy/request.js';
import { formatNs } from './measure.js';

const ACTIONS = Object.keys(POLICY_ACTIONS);

/** A realistic 50-policy set: permits with conditions on time, environment and budgets, some forbids, approvals. */
export function fiftyPolicies(): string {
  const lines: string[] = [];
  for (let i = 0; i < 50; i++) {
    const action = ACTIONS[i % ACTIONS.length];
    const approvals = i % 7 === 0 ? '@approvals("1")\n' : '';
    const effect = i % 10 === 9 ? 'forbid' : 'permit';
    lines.push(
      `@id("p${i}")\n${effect === 'permit' ? approvals : ''}${effect} (principal, action == Action::"${action}", resource in Project::"proj-bench")\n` +
        `when { context.hourUtc >= ${i % 6} && context.environment != "env-${i}" && context.budgets.issuesCreatedToday < ${100 + i} && ${effect === 'forbid' ? 'context.killSwitch' : 'true'} };`,
    );
  }
  return lines.join('\n\n');
}

/** The PDP cost: decisions per second and the latency distribution of one decision, after warm-up. */
export async function benchPolicy(options: { decisions?: number } = {}): Promise<{
  policies: number;
  decisions: number;
  perSecond: number;
  p50Ns: number;
  p99Ns: number;
  maxNs: number;
}> {
  const pdp = new CedarPolicyDecisionPoint({
    engine: new CedarEngine(shippedSchema()),
    policies: staticPolicySource(fiftyPolicies(), 'bench'),
  });
  const requests: PolicyRequest[] = ACTIONS.map((action, i) => ({
    projectId: 'proj-bench',
    projectSlug: 'bench',
    principal: { type: 'Trigger', id: 'core-loop' },
    action,
    resource: action.startsWith('github.')
      ? { type: 'Repo', id: 'acme/web' }
      : { type: 'Task', id: `task-${i}` },
    context: {
      riskClass: 'medium',
      environment: i % 3 === 0 ? 'production' : 'none',
      hourUtc: 10,
      weekdayUtc: 3,
      killSwitch: false,
      approvalsGranted: 0,
      budgets: { issuesCreatedToday: 3, agentRunsToday: 2 },
    },
  }));
  const n = options.decisions ?? 20_000;
  for (let i = 0; i < 2_000; i++) await pdp.evaluate(requests[i % requests.length] as PolicyRequest);
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await pdp.evaluate(requests[i % requests.length] as PolicyRequest);
    samples.push(Number(process.hrtime.bigint() - t));
  }
  const totalNs = Number(process.hrtime.bigint() - started);
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] as number;
  return {
    policies: 50,
    decisions: n,
    perSecond: Math.round(n / (totalNs / 1e9)),
    p50Ns: at(0.5),
    p99Ns: at(0.99),
    maxNs: at(1),
  };
}

/** Prints the PDP benchmark. */
export function printPolicy(r: Awaited<ReturnType<typeof benchPolicy>>): void {
  console.log(
    `policy decision point (Cedar, ${r.policies}-policy set, ${r.decisions} decisions after warm-up)`,
  );
  console.log(`  decisions per second       ${r.perSecond.toLocaleString('en-US')}`);
  console.log(`  one decision p50           ${formatNs(r.p50Ns)}`);
  console.log(`  one decision p99           ${formatNs(r.p99Ns)}   (target ≤ 5 ms)`);
  console.log(`  one decision max           ${formatNs(r.maxNs)}`);
}
