import { healthProblems, type HealthProblem, type IntegrationHealth } from './integration-health.js';

/** One project's integrations as `/readyz` reports them (from the stored health: no outbound call). */
export interface ProjectReadiness {
  projectId: string;
  github: IntegrationHealth['github'];
  asana: IntegrationHealth['asana'];
  asanaWebhooks: IntegrationHealth['asanaWebhooks']['state'];
  checkedAt: string;
  problems: HealthProblem[];
}

/** What `/readyz` answers. */
export interface ReadinessReport {
  /** `not_ready` (503) only when the instance itself cannot work; a project's problem is `degraded` (200). */
  status: 'ready' | 'degraded' | 'not_ready';
  checks: { store: boolean; queue: boolean; secrets: boolean; integrations: ProjectReadiness[] };
}

/**
 * Builds the readiness report. Store, queue and secrets are the instance's own dependencies: any of
 * them failing makes it `not_ready`. One project's revoked PAT must not take the instance out of a load
 * balancer (every other project would stop too), so integration problems only make it `degraded`.
 */
export function readinessReport(
  infra: { store: boolean; queue: boolean; secrets: boolean },
  health: IntegrationHealth[],
): ReadinessReport {
  const integrations = health.map((h) => ({
    projectId: h.projectId,
    github: h.github,
    asana: h.asana,
    asanaWebhooks: h.asanaWebhooks.state,
    checkedAt: h.checkedAt,
    problems: healthProblems(h),
  }));
  const ok = infra.store && infra.queue && infra.secrets;
  const degraded = integrations.some((i) => i.problems.length > 0);
  return {
    status: !ok ? 'not_ready' : degraded ? 'degraded' : 'ready',
    checks: { ...infra, integrations },
  };
}
