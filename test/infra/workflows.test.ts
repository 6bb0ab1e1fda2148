import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/** A minimal GitHub Actions workflow schema: what GitHub rejects a workflow for, and what we rely on. */
const StepSchema = z
  .object({
    name: z.string().optional(),
    uses: z
      .string()
      .regex(/^[\w.-]+\/[\w./-]+@[\w.-]+$/, 'must pin owner/repo@ref')
      .optional(),
    run: z.string().optional(),
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict()
  .refine((s) => Boolean(s.uses) !== Boolean(s.run), 'a step has exactly one of uses or run');
const PermissionSchema = z.enum(['read', 'write', 'none']);
const JobSchema = z
  .object({
    'runs-on': z.string(),
    'timeout-minutes': z.number().int().positive(),
    if: z.string().optional(),
    environment: z.string().optional(),
    needs: z.union([z.string(), z.array(z.string())]).optional(),
    permissions: z.record(z.string(), PermissionSchema).optional(),
    steps: z.array(StepSchema).min(1),
  })
  .strict();
const WorkflowSchema = z
  .object({
    name: z.string(),
    on: z.record(z.string(), z.unknown()),
    permissions: z.record(z.string(), PermissionSchema),
    concurrency: z.object({ group: z.string(), 'cancel-in-progress': z.boolean() }).optional(),
    jobs: z.record(z.string(), JobSchema),
  })
  .strict();
type Workflow = z.infer<typeof WorkflowSchema>;

function load(name: string): Workflow {
  const text = readFileSync(new URL(`../../.github/workflows/${name}`, import.meta.url), 'utf8');
  return WorkflowSchema.parse(parse(text));
}

const runs = (workflow: Workflow, job: string) => workflow.jobs[job]?.steps.map((s) => s.run ?? s.uses) ?? [];

describe('ci.yml', () => {
  const ci = load('ci.yml');

  it('runs on pull requests and pushes to main with read-only permissions', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('installs first in every job, then runs every check .ci/run runs', () => {
    const expected: Record<string, string[]> = {
      check: ['npm run typecheck', 'npm run lint', 'npm run policy:validate'],
      test: ['npm test'],
      e2e: ['npm run test:e2e'],
      infra: ['npx cdk synth --quiet', 'npm run gate'],
      scenarios: [
        'npm run simulate -- --tasks 30 --ci-fail-rate 0.3 --seed 7',
        'npm run chaos -- --tasks 12 --seed 7',
        'npm run chaos -- --tasks 200 --seed 1',
      ],
    };
    expect(Object.keys(ci.jobs).sort()).toEqual(Object.keys(expected).sort());
    for (const [job, commands] of Object.entries(expected)) {
      const steps = runs(ci, job);
      const order = ['npm ci --no-audit --no-fund', ...commands].map((command) => steps.indexOf(command));

      expect(
        order.every((i) => i >= 0),
        job,
      ).toBe(true);
      expect(
        [...order].sort((a, b) => a - b),
        job,
      ).toEqual(order);
    }
  });

  it('runs the same commands as .ci/run, so the two cannot drift apart', () => {
    const local = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    const commands = Object.keys(ci.jobs).flatMap((job) => runs(ci, job).filter((s) => s?.startsWith('np')));

    for (const command of commands) expect(local, command).toContain(command!);
  });

  it('installs Debian chromium in the browser job before running the browser tests', () => {
    const steps = runs(ci, 'e2e');
    const chromium = steps.findIndex((s) => /apt-get install .*chromium/.test(s ?? ''));

    expect(chromium).toBeGreaterThanOrEqual(0);
    expect(chromium).toBeLessThan(steps.indexOf('npm run test:e2e'));
  });
});

describe('deploy.yml', () => {
  const deploy = load('deploy.yml');

  it('may request an OIDC token and nothing else beyond reading the repository', () => {
    expect(deploy.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  });

  it('deploys Staging on pushes to main and Prod on published releases', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'] }, release: { types: ['published'] } });
    expect(deploy.jobs.staging?.if).toBe("github.event_name == 'push'");
    expect(deploy.jobs.prod?.if).toBe("github.event_name == 'release'");
    expect(runs(deploy, 'staging').some((s) => s?.includes("cdk deploy 'Staging/*'"))).toBe(true);
    expect(runs(deploy, 'prod').some((s) => s?.includes("cdk deploy 'Prod/*'"))).toBe(true);
  });

  it('waits for approval on the production environment before deploying Prod', () => {
    expect(deploy.jobs.prod?.environment).toBe('production');
  });

  it('assumes the deploy role by OIDC, never with stored keys, after the gate', () => {
    for (const job of ['staging', 'prod']) {
      const steps = deploy.jobs[job]?.steps ?? [];
      const credentials = steps.findIndex((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );

      expect(credentials, job).toBeGreaterThanOrEqual(0);
      expect(steps[credentials]?.with).toMatchObject({ 'role-to-assume': expect.any(String) });
      expect(JSON.stringify(steps)).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
      expect(steps.findIndex((s) => s.run === 'npm run gate -- --baseline')).toBeLessThan(credentials);
      // …and again with the credentials, against what is deployed, right before deploying.
      const deployedGate = steps.findIndex((s) => s.run === 'npm run gate -- --deployed');
      expect(deployedGate, job).toBeGreaterThan(credentials);
      expect(deployedGate, job).toBe(steps.findIndex((s) => s.run?.includes('cdk deploy')) - 1);
      expect(runs(deploy, job)).toContain('npm run build:frontend');
    }
  });
});
