import { z } from 'zod';
import { RequesterSchema, type Action, type ActionKind, type ActionParams } from '../actions.js';

/** How much harm an action can do if it goes wrong; policies read it as `context.riskClass`. */
export const RiskClassSchema = z.enum(['low', 'medium', 'high']);
export type RiskClass = z.infer<typeof RiskClassSchema>;

/** Who asks for an effect: a trigger (the built-in core loop, or a user's automation) or a person. */
export const PrincipalSchema = RequesterSchema;
export type Principal = z.infer<typeof PrincipalSchema>;

/** The principal of every action the core loop emits. */
export const CORE_LOOP_PRINCIPAL: Principal = { type: 'Trigger', id: 'core-loop' };

/** What a policy can be about: the project, one of its repos, or one of its tasks. */
export const PolicyResourceSchema = z.object({
  type: z.enum(['Project', 'Repo', 'Task']),
  id: z.string().min(1),
});
export type PolicyResource = z.infer<typeof PolicyResourceSchema>;

/** Daily counters a policy can cap (`context.budgets.issuesCreatedToday < 20`). */
export const BudgetsSchema = z.object({
  issuesCreatedToday: z.number().int().nonnegative(),
  agentRunsToday: z.number().int().nonnegative(),
});
export type Budgets = z.infer<typeof BudgetsSchema>;

/** The request context, exactly as the Cedar schema declares it (policies/schema.cedarschema). */
export const PolicyContextSchema = z.object({
  riskClass: RiskClassSchema,
  /** Deployment environment the effect touches (`production`, `staging`), or `none`. */
  environment: z.string(),
  hourUtc: z.number().int().min(0).max(23),
  /** 0 = Sunday … 6 = Saturday, UTC. */
  weekdayUtc: z.number().int().min(0).max(6),
  killSwitch: z.boolean(),
  approvalsGranted: z.number().int().nonnegative(),
  budgets: BudgetsSchema,
});
export type PolicyContext = z.infer<typeof PolicyContextSchema>;

/** One question to the policy decision point. */
export const PolicyRequestSchema = z.object({
  projectId: z.string().min(1),
  projectSlug: z.string().min(1),
  principal: PrincipalSchema,
  action: z.string().min(1),
  resource: PolicyResourceSchema,
  context: PolicyContextSchema,
});
export type PolicyRequest = z.infer<typeof PolicyRequestSchema>;

/** Every action name the Cedar schema declares, with its risk class (some kinds arrive with triggers). */
export const POLICY_ACTIONS: Record<ActionKind | string, RiskClass> = {
  'github.comment': 'low',
  'github.label': 'low',
  'asana.comment': 'low',
  notify: 'low',
  'github.create_issue': 'medium',
  'asana.complete_task': 'medium',
  'asana.reopen_task': 'medium',
  'asana.create_task': 'medium',
  'github.close_issue': 'high',
  'github.workflow_dispatch': 'high',
  'github.approve_workflow_run': 'high',
  'http.post': 'high',
};

/** The risk class of an action kind (unknown kinds count as high). */
export function riskOf(kind: string): RiskClass {
  return POLICY_ACTIONS[kind] ?? 'high';
}

/** The resource an effect touches: GitHub effects a repo, Asana effects the task, others the project. */
export function resourceOf(
  action: Pick<Action, 'projectId' | 'taskId'> & { params: ActionParams },
): PolicyResource {
  const p = action.params as ActionParams & { repo?: string };
  if (p.kind.startsWith('github.') && p.repo) return { type: 'Repo', id: p.repo };
  if (p.kind.startsWith('asana.')) return { type: 'Task', id: action.taskId };
  return { type: 'Project', id: action.projectId };
}

/** The environment an effect touches (`params.environment` when the kind has one), else `none`. */
export function environmentOf(params: ActionParams): string {
  const env = (params as { environment?: unknown }).environment;
  return typeof env === 'string' && env.length > 0 ? env : 'none';
}

/** Inputs of a request that come from outside the action: time, switches, approvals, budgets. */
export interface RequestFacts {
  projectSlug: string;
  now: Date;
  killSwitch: boolean;
  approvalsGranted?: number;
  budgets?: Budgets;
}

/** Builds the PDP request for one action. Pure: the clock and the switches are passed in. */
export function buildPolicyRequest(action: Action, facts: RequestFacts): PolicyRequest {
  return {
    projectId: action.projectId,
    projectSlug: facts.projectSlug,
    principal: action.requestedBy ?? CORE_LOOP_PRINCIPAL,
    action: action.params.kind,
    resource: resourceOf(action),
    context: {
      riskClass: riskOf(action.params.kind),
      environment: environmentOf(action.params),
      hourUtc: facts.now.getUTCHours(),
      weekdayUtc: facts.now.getUTCDay(),
      killSwitch: facts.killSwitch,
      approvalsGranted: facts.approvalsGranted ?? 0,
      budgets: facts.budgets ?? { issuesCreatedToday: 0, agentRunsToday: 0 },
    },
  };
}
