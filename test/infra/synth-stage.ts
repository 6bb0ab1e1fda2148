import { rmSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { AutoflowStage } from '../../lib/autoflow-stage.js';
import type { AutoflowStack } from '../../lib/autoflow-stack.js';
import type { AutoflowFunction } from '../../lib/constructs/autoflow-function.js';
import { createStageConfig, type Domain, type StageName } from '../../lib/stage-config.js';

export const TEST_ENV = { account: '111111111111', region: 'eu-west-1' } as const;

/**
 * App context that skips esbuild: templates are the same but for asset hashes, and synthesis takes a
 * fraction of the time. Only tests that read the bundles build them.
 */
export const NO_BUNDLING = { [BUNDLING_STACKS]: [] as string[] };

/** A synthesized stage: build once per test file, share across its tests. */
export interface SynthesizedStage {
  readonly app: App;
  readonly stage: AutoflowStage;
  readonly stack: AutoflowStack;
  readonly template: Template;
}

/** Adds one stage to an app, as `bin/autoflow.ts` does (this bundles its functions). */
export function buildStage(
  stageName: StageName,
  app: App,
  consoleAssetsPath?: string,
  domain?: Domain,
): AutoflowStage {
  return new AutoflowStage(app, stageName === 'prod' ? 'Prod' : 'Staging', {
    config: createStageConfig(stageName, TEST_ENV, domain),
    consoleAssetsPath,
  });
}

/**
 * Builds one stage in its own app and synthesizes its template (with a built console when a path is
 * given); functions are bundled only when `bundle` is set.
 */
export function synthStage(
  stageName: StageName,
  consoleAssetsPath?: string,
  { bundle = false, domain }: { bundle?: boolean; domain?: Domain } = {},
): SynthesizedStage {
  const app = new App(bundle ? {} : { context: NO_BUNDLING });
  const stage = buildStage(stageName, app, consoleAssetsPath, domain);
  return { app, stage, stack: stage.stack, template: Template.fromStack(stage.stack) };
}

/** A console domain and certificate for tests (CloudFront reads certificates from us-east-1 only). */
export const TEST_DOMAIN: Domain = {
  name: 'autoflow.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
};

/** Deletes the cloud assemblies (bundles included) of synthesized stages; call in afterAll. */
export function removeOutputs(...synthesized: { readonly app: App }[]): void {
  for (const { app } of synthesized) rmSync(app.outdir, { recursive: true, force: true });
}

/** The functions of a stack by a readable name. */
export function functionsOf(stack: AutoflowStack): Record<string, AutoflowFunction> {
  const { ingest, pipeline, notifier, reconcile, consoleApi } = stack;
  return {
    api: consoleApi.api,
    githubReceiver: ingest.githubReceiver,
    asanaReceiver: ingest.asanaReceiver,
    worker: ingest.worker,
    evaluate: pipeline.evaluate,
    approval: pipeline.approval,
    authorize: pipeline.authorize,
    execute: pipeline.execute,
    record: pipeline.record,
    notifier: notifier.notifier,
    findStuck: reconcile.findStuck,
    repair: reconcile.repair,
    repairWebhooks: reconcile.repairWebhooks,
    summary: reconcile.summary,
  };
}

/** The logical id of a construct's CloudFormation resource (its default child, or itself). */
export function logicalIdOf(construct: { node: { defaultChild?: unknown } } & object): string {
  const element = (construct.node.defaultChild ?? construct) as CfnRole;
  return Stack.of(element).getLogicalId(element);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Every Allow statement of the inline policies attached to a role, in template form. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleLogicalId),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** Every action a role may perform, flattened. */
export function actionsOfRole(template: Template, roleLogicalId: string): string[] {
  return statementsOfRole(template, roleLogicalId).flatMap((s) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );
}

/** Statements of a role whose action matches, e.g. `secretsmanager:` or `states:StartExecution`. */
export function statementsWithAction(template: Template, roleLogicalId: string, prefix: string): Statement[] {
  return statementsOfRole(template, roleLogicalId).filter((s) =>
    (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) => a.startsWith(prefix)),
  );
}

/**
 * Flattens a CloudFormation value to text: `Fn::Join` joined, `Ref`/`Fn::GetAtt` as `<Id>` / `<Id.Attr>`,
 * so assertions can read ARNs and definitions the way they will look once deployed.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if ('Fn::Join' in node) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(delimiter);
    }
    if ('Ref' in node) return `<${String(node.Ref)}>`;
    if ('Fn::GetAtt' in node) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
  }
  return JSON.stringify(value);
}
