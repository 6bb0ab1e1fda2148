import { ValidationError, VersionConflictError } from '#core/errors.js';
import { formatProblem, type PolicySetVersion } from '#core/policy/policy-set.js';
import type { AuditLog, Clock, PolicyStore, PolicyValidator } from '#lambdas/ports.js';

/** Ports of savePolicySet. */
export interface SavePolicySetDeps {
  policies: PolicyStore;
  validator: PolicyValidator;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Validates a project's Cedar policy set against the schema and stores it as the next version.
 * An invalid set is rejected with Cedar's messages and their lines (ValidationError, path `line:column`).
 */
export async function savePolicySet(
  input: { projectId: string; text: string; by: string; comment?: string },
  deps: SavePolicySetDeps,
): Promise<PolicySetVersion> {
  const errors = deps.validator.validate(input.text).filter((p) => p.severity === 'error');
  if (errors.length > 0)
    throw new ValidationError(
      `Policy set is invalid: ${errors.slice(0, 3).map(formatProblem).join('; ')}`,
      errors.map((p) => ({ path: `${p.line}:${p.column}`, message: p.message })),
    );
  for (let attempt = 0; ; attempt++) {
    const latest = await deps.policies.latestPolicySet(input.projectId);
    const version: PolicySetVersion = {
      projectId: input.projectId,
      version: (latest?.version ?? 0) + 1,
      text: input.text,
      savedBy: input.by,
      savedAt: deps.clock.now().toISOString(),
      ...(input.comment ? { comment: input.comment } : {}),
    };
    try {
      await deps.policies.putPolicySet(version);
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < 3) continue;
      throw error;
    }
    await deps.audit.append({
      chain: input.projectId,
      type: 'policy.saved',
      at: version.savedAt,
      actor: input.by,
      subject: `v${version.version}`,
      data: {
        version: version.version,
        lines: input.text.split('\n').length,
        ...(input.comment ? { comment: input.comment } : {}),
      },
    });
    return version;
  }
}
