import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The state machines Auto-Flow ships, by file name (without `.asl.json`). */
export const STATE_MACHINES = ['action', 'reconcile'] as const;
export type StateMachineName = (typeof STATE_MACHINES)[number];

const PLACEHOLDER = /\$\{([A-Z][A-Za-z0-9]*)\}/g;

/** Reads an ASL file as text, exactly as shipped. */
export function readDefinition(name: StateMachineName): string {
  return readFileSync(fileURLToPath(new URL(`./${name}.asl.json`, import.meta.url)), 'utf8');
}

/** Lists the `${PascalCase}` placeholders a definition uses, sorted and unique. */
export function listPlaceholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

/** Substitutes every placeholder; throws naming any placeholder without a value. */
export function substitute(definition: string, values: Record<string, string>): string {
  const missing = listPlaceholders(definition).filter((p) => values[p] === undefined);
  if (missing.length > 0) throw new Error(`Missing values for placeholders: ${missing.join(', ')}`);
  return definition.replace(PLACEHOLDER, (_, key: string) => values[key] as string);
}
