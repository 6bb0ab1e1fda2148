import { z } from 'zod';

/** What the PDP answers: deny, allow, or allow after `approvals` approvals. */
export const PolicyDecisionSchema = z.object({
  decision: z.enum(['deny', 'allow', 'approve']),
  /** Approvals needed before the effect may run (0 unless `approve`). */
  approvals: z.number().int().nonnegative(),
  /** Ids (`@id`) of the policies that determined the answer; empty when no permit matched. */
  determiningPolicies: z.array(z.string()),
  /** Evaluation errors (a policy that failed to evaluate is skipped, as Cedar does). */
  errors: z.array(z.string()),
  /** Version of the policy set that answered (`default` for the shipped set). */
  policyVersion: z.string(),
});
export type PolicyDecision = z.infer<typeof PolicyDecisionSchema>;

/** What the policy engine knows about one policy of a set. */
export interface PolicyInfo {
  effect: 'permit' | 'forbid';
  /** From `@approvals("N")` on a permit; 0 without it. */
  approvals: number;
}

/** The most approvals a policy may ask for. */
export const MAX_APPROVALS = 2;

/**
 * Turns the engine's answer into a decision: a deny stays a deny; an allow needs the approvals of
 * the strictest determining permit (the largest `@approvals`), so a looser policy never wins.
 */
export function combineDecision(
  answer: { allowed: boolean; reasons: string[]; errors: string[] },
  policies: ReadonlyMap<string, PolicyInfo>,
  policyVersion: string,
): PolicyDecision {
  const determiningPolicies = [...answer.reasons].sort();
  if (!answer.allowed)
    return { decision: 'deny', approvals: 0, determiningPolicies, errors: answer.errors, policyVersion };
  const approvals = Math.max(0, ...determiningPolicies.map((id) => policies.get(id)?.approvals ?? 0));
  return {
    decision: approvals > 0 ? 'approve' : 'allow',
    approvals,
    determiningPolicies,
    errors: answer.errors,
    policyVersion,
  };
}

/** Reads an `@approvals` annotation: a whole number 1..MAX_APPROVALS, or undefined when it is not one. */
export function parseApprovals(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= MAX_APPROVALS ? n : undefined;
}

/** One line of a decision for people: `allow (allow-routine)`, `approve ×1 (close-issue-needs-approval)`. */
export function describeDecision(d: PolicyDecision): string {
  const head = d.decision === 'approve' ? `approve ×${d.approvals}` : d.decision;
  const by = d.determiningPolicies.length > 0 ? d.determiningPolicies.join(', ') : 'no permit matched';
  return `${head} (${by}; policy ${d.policyVersion})`;
}
