import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addStages } from '../../lib/autoflow-app.js';
import type { CfnTemplate } from './template.js';

/**
 * Synthesizes both stages in process, offline, as `bin/autoflow.ts` builds them, and returns each
 * stack's template by stack name. A placeholder console is always deployed, so the gate sees the
 * deployment's resources whether or not `frontend/dist` has been built on this machine.
 */
export function synthesizeStacks(): Map<string, CfnTemplate> {
  const work = mkdtempSync(join(tmpdir(), 'autoflow-gate-'));
  try {
    const consoleAssetsPath = join(work, 'console');
    mkdirSync(consoleAssetsPath);
    writeFileSync(join(consoleAssetsPath, 'index.html'), '<!doctype html><title>Auto-Flow</title>\n');
    // Path metadata (as the CLI adds it) lets the report name the construct behind each finding.
    const app = new App({
      outdir: join(work, 'cdk.out'),
      analyticsReporting: false,
      context: { 'aws:cdk:enable-path-metadata': true },
    });
    const stages = addStages(app, { consoleAssetsPath });
    const assembly = app.synth();
    const templates = new Map<string, CfnTemplate>();
    for (const stage of Object.values(stages)) {
      for (const stack of assembly.getNestedAssembly(stage.artifactId).stacks) {
        templates.set(stack.stackName, stack.template as CfnTemplate);
      }
    }
    return templates;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
