import type { AuthenticateBearer } from '../bearer.js';
import type { ApiDeps } from '../deps.js';
import type { DecideApprovalDeps } from '#lambdas/app/decide-approval.js';
import type { ApiTokenStore, IdempotencyStore } from '#lambdas/console-ports.js';
import type {
  AnalyticsStore,
  ApprovalStore,
  JobQueueHealth,
  PolicyStore,
  PolicyValidator,
  TaskTokens,
  TriggerSecrets,
  TriggerStore,
} from '#lambdas/ports.js';

/** What /api/v1 is built from: the console's ports it shares, plus tokens, idempotency, policies, approvals, analytics. */
export interface ApiV1Deps extends Pick<
  ApiDeps,
  | 'projects'
  | 'tasks'
  | 'killSwitches'
  | 'secrets'
  | 'webhookHealth'
  | 'asana'
  | 'pipeline'
  | 'audit'
  | 'clock'
  | 'ids'
  | 'logger'
> {
  apiTokens: ApiTokenStore;
  idempotency: IdempotencyStore;
  authenticate: AuthenticateBearer;
  policies: PolicyStore;
  policyValidator: PolicyValidator;
  /** The shipped policy set, in force while a project has saved none. */
  defaultPolicyText: () => string;
  /** Called after a policy version is saved (the local runtime drops its cached set). */
  onPolicySaved?: (projectId: string) => void;
  approvals: ApprovalStore;
  /** Pre-aggregated analytics counters (the pipeline writes them). */
  analytics: AnalyticsStore;
  /** The ingest queue's health. */
  jobs: JobQueueHealth;
  taskTokens: TaskTokens;
  /** 32 random bytes per call (new token secrets). */
  randomBytes: () => Uint8Array;
  /** The trigger registry (manual runs start through `pipeline.workflows`). */
  triggers: TriggerStore;
  /** Trigger secrets: written, and asked whether one is set; never read back. */
  triggerSecrets: TriggerSecrets;
}

/** The approvals use case's ports, from the v1 dependencies. */
export function approvalDeps(deps: ApiV1Deps): DecideApprovalDeps {
  const { approvals, tasks, taskTokens, audit, clock } = deps;
  return { approvals, tasks, taskTokens, audit, clock };
}
