import { readFileSync } from 'node:fs';

/** Where the Cedar schema and the default policy set live: `policies/` at the project root, or beside the bundle. */
function read(name: string): string {
  const candidates = [
    new URL(`../../../policies/${name}`, import.meta.url),
    new URL(`./policies/${name}`, import.meta.url),
  ];
  for (const url of candidates) {
    try {
      return readFileSync(url, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`policies/${name} not found (looked in ${candidates.map(String).join(', ')})`);
}

let schema: string | undefined;
let defaults: string | undefined;

/** The Cedar schema every policy set is validated against (`policies/schema.cedarschema`). */
export function shippedSchema(): string {
  return (schema ??= read('schema.cedarschema'));
}

/** The default policy set (`policies/default.cedar`): what a project runs until it saves its own. */
export function shippedDefaultPolicies(): string {
  return (defaults ??= read('default.cedar'));
}
