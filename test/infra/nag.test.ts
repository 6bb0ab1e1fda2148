import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStage, NO_BUNDLING, TEST_DOMAIN } from './synth-stage.js';

interface Violation {
  ruleName: string;
  severity?: string;
  violatingResources?: { constructPath?: string }[];
}
interface ValidationReport {
  pluginReports: { pluginName?: string; violations?: Violation[] }[];
}

interface Outcome {
  error?: string;
  report: ValidationReport;
}

/** Synthesizes an app under AwsSolutionsChecks and returns CDK's validation report (and the error synth threw, if any). */
function synthWithNag(build: (app: App) => void): Outcome {
  const outdir = mkdtempSync(join(tmpdir(), 'autoflow-nag-'));
  const app = new App({ outdir, context: NO_BUNDLING });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  build(app);
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    // Unacknowledged errors fail synthesis; the report file is written first either way.
    error = String(e);
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  rmSync(outdir, { recursive: true, force: true });
  return { error, report };
}

function violations(report: ValidationReport): string[] {
  return report.pluginReports.flatMap((r) =>
    (r.violations ?? []).flatMap((v) =>
      (v.violatingResources ?? [{}]).map(
        (res) => `${v.severity ?? '?'} ${v.ruleName} at ${res.constructPath ?? '?'}`,
      ),
    ),
  );
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ path: c.node.path, id, reason })),
  );
}

let stages: Outcome;
let app: App;

beforeAll(() => {
  // Prod with a built console, so the console deployment's resources are checked too.
  const built = mkdtempSync(join(tmpdir(), 'autoflow-nag-console-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html>');
  stages = synthWithNag((a) => {
    app = a;
    buildStage('staging', a);
    // …and with a custom domain, whose viewer certificate must satisfy CFR4 unaided.
    buildStage('prod', a, built, TEST_DOMAIN);
  });
  rmSync(built, { recursive: true, force: true });
});

describe('AwsSolutions checks', () => {
  it('find nothing unacknowledged in Staging and Prod, errors or warnings', () => {
    expect(stages.error).toBeUndefined();
    expect(violations(stages.report)).toEqual([]);
  });

  it('give every acknowledgement a specific reason', () => {
    const acks = acknowledgements(app);

    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^(Annotation::)?AwsSolutions-[A-Z0-9]+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
    }
  });

  it('acknowledge IAM5 findings one pattern at a time, never the whole rule', () => {
    const iam5 = acknowledgements(app).filter((ack) => ack.id.includes('AwsSolutions-IAM5'));

    expect(iam5.filter((ack) => !ack.id.includes('['))).toEqual([]);
  });

  it('are live: an unacknowledged wildcard policy fails synthesis', () => {
    const outcome = synthWithNag((a) => {
      const stack = new Stack(a, 'Probe');
      const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    });

    expect(violations(outcome.report).join('\n')).toMatch(/AwsSolutions-IAM5/);
    expect(outcome.error).toMatch(/ValidationFailed|Validation failed/);
  });
});
