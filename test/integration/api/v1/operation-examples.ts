import { v1Operations } from '#lambdas/api/v1/resources.js';
import type { ApiV1Deps } from '#lambdas/api/v1/deps.js';

/** Valid and invalid request bodies per operation id, from the operations themselves. */
export function examplesByOperation(deps: ApiV1Deps): Map<string, { valid: unknown[]; invalid: unknown[] }> {
  return new Map(
    v1Operations(deps)
      .filter((o) => o.examples)
      .map((o) => [o.operationId, o.examples as { valid: unknown[]; invalid: unknown[] }]),
  );
}

/** Fills an OpenAPI path template with values by parameter name. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}}`);
    return encodeURIComponent(value);
  });
}
