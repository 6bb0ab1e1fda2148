import { MAX_APPROVALS, parseApprovals, type PolicyInfo } from '#core/policy/decision.js';
import { PolicyEngineError } from '#core/policy/errors.js';
import type { PolicyProblem } from '#core/policy/policy-set.js';
import type { PolicyValidator } from '#lambdas/ports.js';
import { checkAnnotations, locate } from './cedar-text.js';
import { loadCedar, type Context, type EntityJson, type EntityUidJson } from './load-cedar.js';

/** cedar-wasm, instantiated on first use (modules that only import this file pay nothing). */
const cedar = () => loadCedar();

/** A policy set ready to evaluate: preparsed in the engine, with what each policy says. */
export interface CompiledPolicySet {
  /** Name of the preparsed set inside the engine. */
  readonly key: string;
  readonly policies: ReadonlyMap<string, PolicyInfo>;
}

type Detailed = { message: string; help: string | null; sourceLocations?: { start: number }[] };

function describe(error: Detailed): string {
  return error.help ? `${error.message} (${error.help})` : error.message;
}

/**
 * Cedar (cedar-wasm) behind two operations: validate a policy set against the schema, and compile
 * it for fast evaluation. Policies are keyed by their `@id` (Cedar's own `policyN` when absent).
 */
export class CedarEngine implements PolicyValidator {
  readonly #schemaKey: string;

  constructor(private readonly schema: string) {
    const parsed = cedar().checkParseSchema(schema);
    if (parsed.type === 'failure')
      throw new PolicyEngineError(`Cedar schema does not parse: ${parsed.errors.map(describe).join('; ')}`);
    this.#schemaKey = 'autoflow-schema';
    cedar().preparseSchema(this.#schemaKey, schema);
  }

  /** Validates Cedar text against the schema; problems carry Cedar's message and the line. */
  validate(text: string): PolicyProblem[] {
    const answer = cedar().validate({
      schema: this.schema,
      policies: { staticPolicies: text },
      validationSettings: { mode: 'strict' },
    });
    const at = (e: Detailed) => locate(text, e.sourceLocations?.[0]?.start ?? 0);
    if (answer.type === 'failure')
      return answer.errors.map((e) => ({ severity: 'error', message: describe(e), ...at(e) }));
    return (
      [
        ...answer.validationErrors.map((e) => ({
          severity: 'error' as const,
          message: describe(e.error),
          policyId: e.policyId,
          ...at(e.error),
        })),
        ...answer.validationWarnings.map((e) => ({
          severity: 'warning' as const,
          message: describe(e.error),
          policyId: e.policyId,
          ...at(e.error),
        })),
        ...checkAnnotations(text, MAX_APPROVALS),
      ]
        // Cedar reports a bad attribute once per action the policy applies to: one problem is enough.
        .filter(
          (p, i, all) =>
            all.findIndex((q) => q.line === p.line && q.column === p.column && q.severity === p.severity) ===
            i,
        )
        .sort((a, b) => a.line - b.line || a.column - b.column)
    );
  }

  /** Parses a (validated) set and preparses it under `key` (a later compile under the same key replaces it). */
  compile(text: string, key: string): CompiledPolicySet {
    const parts = cedar().policySetTextToParts(text);
    if (parts.type === 'failure')
      throw new PolicyEngineError(`policy set does not parse: ${parts.errors.map(describe).join('; ')}`);
    // Cedar numbers policies policy0..N in source order and returns them sorted by that id as text.
    const cedarIds = parts.policies.map((_, i) => `policy${i}`).sort();
    const byId: Record<string, string> = {};
    const policies = new Map<string, PolicyInfo>();
    parts.policies.forEach((policyText, i) => {
      const json = cedar().policyToJson(policyText);
      if (json.type === 'failure') throw new PolicyEngineError(json.errors.map(describe).join('; '));
      const annotations = json.json.annotations ?? {};
      const id = annotations.id ?? (cedarIds[i] as string);
      byId[id] = policyText;
      policies.set(id, {
        effect: json.json.effect,
        approvals: json.json.effect === 'permit' ? (parseApprovals(annotations.approvals) ?? 0) : 0,
      });
    });
    const preparsed = cedar().preparsePolicySet(key, { staticPolicies: byId });
    if (preparsed.type === 'failure')
      throw new PolicyEngineError(`policy set does not parse: ${preparsed.errors.map(describe).join('; ')}`);
    return { key, policies };
  }

  /** Evaluates one request against a compiled set. */
  authorize(
    set: CompiledPolicySet,
    request: {
      principal: EntityUidJson;
      action: EntityUidJson;
      resource: EntityUidJson;
      context: Context;
      entities: EntityJson[];
    },
  ): { allowed: boolean; reasons: string[]; errors: string[] } {
    const answer = cedar().statefulIsAuthorized({
      ...request,
      preparsedSchemaName: this.#schemaKey,
      preparsedPolicySetId: set.key,
      validateRequest: true,
    });
    if (answer.type === 'failure')
      throw new PolicyEngineError(`Cedar refused the request: ${answer.errors.map(describe).join('; ')}`);
    const { decision, diagnostics } = answer.response;
    return {
      allowed: decision === 'allow',
      reasons: diagnostics.reason,
      errors: diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`),
    };
  }
}
