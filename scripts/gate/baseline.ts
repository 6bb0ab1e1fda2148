import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from './template.js';

/** Where the accepted templates live, one `<StackName>.template.json` per stack. */
export const BASELINE_DIR = fileURLToPath(new URL('../../cdk/baseline/', import.meta.url));

/**
 * Replaces content hashes (asset S3 keys, asset paths) with a placeholder: a code change alters
 * them on every commit, and they say nothing about safety, so the baseline should not churn with them.
 */
export function normaliseTemplate(template: CfnTemplate): CfnTemplate {
  return JSON.parse(JSON.stringify(template).replace(/\b[0-9a-f]{64}\b/g, '<asset-hash>')) as CfnTemplate;
}

const fileOf = (dir: string, stackName: string) => join(dir, `${stackName}.template.json`);

/** The accepted template of a stack, or undefined when none was accepted yet. */
export function readBaseline(stackName: string, dir = BASELINE_DIR): CfnTemplate | undefined {
  const file = fileOf(dir, stackName);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate) : undefined;
}

/** Accepts a template as the new baseline of its stack. */
export function writeBaseline(stackName: string, template: CfnTemplate, dir = BASELINE_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = fileOf(dir, stackName);
  writeFileSync(file, `${JSON.stringify(normaliseTemplate(template), null, 2)}\n`);
  return file;
}
