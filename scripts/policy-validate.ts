import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { formatProblem } from '#core/policy/policy-set.js';

/** Every `.cedar` file under a folder, sorted. */
export function findPolicyFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? findPolicyFiles(path) : name.endsWith('.cedar') ? [path] : [];
    })
    .sort();
}

/** Validates every policy file under `dir` against `dir/schema.cedarschema`; returns the number of errors. */
export function validatePolicyFiles(dir: string, print: (line: string) => void = console.log): number {
  const engine = new CedarEngine(readFileSync(join(dir, 'schema.cedarschema'), 'utf8'));
  let errors = 0;
  for (const file of findPolicyFiles(dir)) {
    const problems = engine.validate(readFileSync(file, 'utf8'));
    const bad = problems.filter((p) => p.severity === 'error').length;
    errors += bad;
    print(`${bad === 0 ? 'ok  ' : 'FAIL'} ${relative(process.cwd(), file)}`);
    for (const p of problems) print(`  ${relative(process.cwd(), file)}:${formatProblem(p)}`);
  }
  return errors;
}

/** `npm run policy:validate [-- DIR]`: non-zero exit when any policy file has an error. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const errors = validatePolicyFiles(process.argv[2] ?? 'policies');
  if (errors > 0) {
    console.error(`${errors} error(s)`);
    process.exitCode = 1;
  }
}
