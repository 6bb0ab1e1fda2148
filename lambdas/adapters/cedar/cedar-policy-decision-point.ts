import { combineDecision, type PolicyDecision } from '#core/policy/decision.js';
import type { ActivePolicySet } from '#core/policy/policy-set.js';
import type { PolicyRequest } from '#core/policy/request.js';
import type { PolicyDecisionPoint, PolicySource } from '#lambdas/ports.js';
import type { CedarEngine, CompiledPolicySet } from './cedar-engine.js';

/** Options of the Cedar PDP. */
export interface CedarPolicyDecisionPointOptions {
  engine: CedarEngine;
  /** The policy set in force for a project (a stored version, or the shipped default). */
  policies: PolicySource;
}

/**
 * The policy decision point over Cedar: compiles each project's policy set once per version, then
 * answers requests in well under a millisecond (the schema and sets are preparsed in the engine).
 */
export class CedarPolicyDecisionPoint implements PolicyDecisionPoint {
  readonly #compiled = new Map<string, { set: ActivePolicySet; compiled: CompiledPolicySet }>();

  constructor(private readonly options: CedarPolicyDecisionPointOptions) {}

  async evaluate(request: PolicyRequest): Promise<PolicyDecision> {
    const set = await this.options.policies.activePolicySet(request.projectId);
    const compiled = this.#compile(request.projectId, set);
    const project = { type: 'Project', id: request.projectId };
    const resource = { type: request.resource.type, id: request.resource.id };
    const principal = { type: request.principal.type, id: request.principal.id };
    const answer = this.options.engine.authorize(compiled, {
      principal,
      action: { type: 'Action', id: request.action },
      resource,
      context: request.context,
      entities: [
        { uid: project, attrs: { slug: request.projectSlug }, parents: [] },
        ...(request.resource.type === 'Project'
          ? []
          : [
              {
                uid: resource,
                attrs:
                  request.resource.type === 'Repo' ? { owner: request.resource.id.split('/')[0] ?? '' } : {},
                parents: [project],
              },
            ]),
        { uid: principal, attrs: {}, parents: request.principal.type === 'Trigger' ? [project] : [] },
      ],
    });
    return combineDecision(answer, compiled.policies, set.version);
  }

  #compile(projectId: string, set: ActivePolicySet): CompiledPolicySet {
    const hit = this.#compiled.get(projectId);
    if (hit && hit.set.version === set.version && hit.set.text === set.text) return hit.compiled;
    const compiled = this.options.engine.compile(set.text, `project:${projectId}`);
    this.#compiled.set(projectId, { set, compiled });
    return compiled;
  }
}
