import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AssetStaging } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_BUDGET_KIB,
  ESM_REQUIRE_BANNER,
  HANDLERS,
  type AutoflowFunction,
} from '../../lib/constructs/autoflow-function.js';
import {
  functionsOf,
  logicalIdOf,
  statementsWithAction,
  removeOutputs,
  synthStage,
  TEST_ENV,
  type SynthesizedStage,
} from './synth-stage.js';

const run = promisify(execFile);

let staging: SynthesizedStage;
let prod: SynthesizedStage;
let functions: [string, AutoflowFunction][];

beforeAll(() => {
  // Staging with its bundles, which the bundle tests load; Prod only for its template.
  staging = synthStage('staging', undefined, { bundle: true });
  prod = synthStage('prod');
  functions = Object.entries(functionsOf(staging.stack));
});

afterAll(() => removeOutputs(staging, prod));

function bundleDir(fn: AutoflowFunction): string {
  const staged = fn.function.node.findAll().find((c): c is AssetStaging => c instanceof AssetStaging);
  if (!staged) throw new Error(`${fn.node.path} has no asset`);
  return staged.absoluteStagedPath;
}

/** Stand-ins for what CloudFormation resolves at deploy time, so a bundle can be loaded as Lambda would. */
function deployedValue(value: unknown, resources: Record<string, { Type: string }>): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => deployedValue(part, resources)).join(delimiter);
  }
  if ('Fn::GetAtt' in node) {
    const [id, attribute] = node['Fn::GetAtt'] as [string, string];
    if (resources[id]?.Type === 'AWS::KMS::Key' && attribute === 'Arn')
      return `arn:aws:kms:${TEST_ENV.region}:${TEST_ENV.account}:key/${id}`;
    if (resources[id]?.Type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint')
      return `https://a1b2c3d4e5.execute-api.${TEST_ENV.region}.amazonaws.com`;
    if (resources[id]?.Type === 'AWS::CloudFront::Distribution' && attribute === 'DomainName')
      return 'd111111abcdef8.cloudfront.net';
    if (resources[id]?.Type === 'AWS::SQS::Queue' && attribute === 'Arn')
      return `arn:aws:sqs:${TEST_ENV.region}:${TEST_ENV.account}:${id}`;
  }
  const ref = String(node.Ref);
  if (ref === 'AWS::Partition') return 'aws';
  if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
  if (resources[ref]?.Type === 'AWS::SQS::Queue')
    return `https://sqs.${TEST_ENV.region}.amazonaws.com/${TEST_ENV.account}/${ref}`;
  if (resources[ref]?.Type === 'AWS::DynamoDB::Table') return ref;
  if (resources[ref]?.Type === 'AWS::SecretsManager::Secret')
    return `arn:aws:secretsmanager:${TEST_ENV.region}:${TEST_ENV.account}:secret:${ref}-AbCdEf`;
  throw new Error(`no stand-in for ${JSON.stringify(value)}`);
}

describe('AutoflowFunction', () => {
  it('deploys every handler in lambdas/handlers exactly once', () => {
    const files = readdirSync(new URL('../../lambdas/handlers/', import.meta.url)).map((f) =>
      f.replace(/\.ts$/, ''),
    );

    expect(functions.map(([, fn]) => fn.handler).sort()).toEqual([...HANDLERS].sort());
    expect(files.sort()).toEqual([...HANDLERS].sort());
    staging.template.resourceCountIs('AWS::Lambda::Function', HANDLERS.length);
  });

  it('runs every function on nodejs22.x, arm64, with active tracing, 512 MB (the console API 1024) and source maps', () => {
    const all = Object.entries(staging.template.findResources('AWS::Lambda::Function'));
    const api = logicalIdOf(staging.stack.consoleApi.api.function);

    for (const [id, fn] of all) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: id === api ? 1024 : 512,
        Handler: 'index.handler',
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
      });
    }
  });

  it('gives each function its own role with no managed policies', () => {
    for (const [, fn] of functions) {
      staging.template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [logicalIdOf(fn.role), 'Arn'] },
      });
      expect(
        staging.template.findResources('AWS::IAM::Role')[logicalIdOf(fn.role)]?.Properties.ManagedPolicyArns,
      ).toBeUndefined();
    }
  });

  it('logs each function to its own log group, which only it may write', () => {
    for (const [, fn] of functions) {
      const logGroup = logicalIdOf(fn.logGroup);
      staging.template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [logicalIdOf(fn.role), 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: logGroup } },
      });

      expect(statementsWithAction(staging.template, logicalIdOf(fn.role), 'logs:')).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
        },
      ]);
    }
  });

  it('keeps function logs a month in Staging and a year (retained) in Prod', () => {
    const staged = Object.values(functionsOf(staging.stack)).map(
      (fn) => staging.template.findResources('AWS::Logs::LogGroup')[logicalIdOf(fn.logGroup)],
    );
    const produced = Object.values(functionsOf(prod.stack)).map(
      (fn) => prod.template.findResources('AWS::Logs::LogGroup')[logicalIdOf(fn.logGroup)],
    );

    expect(staged.map((g) => [g?.Properties.RetentionInDays, g?.DeletionPolicy])).toEqual(
      staged.map(() => [30, 'Delete']),
    );
    expect(produced.map((g) => [g?.Properties.RetentionInDays, g?.DeletionPolicy])).toEqual(
      produced.map(() => [365, 'Retain']),
    );
  });

  it('tells every function its stage', () => {
    staging.template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ STAGE: 'staging' }) },
    });
    prod.template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ STAGE: 'prod' }) },
    });
  });

  describe('bundles', () => {
    it('bundles each handler as minified ESM with a source map and the require banner', () => {
      for (const [, fn] of functions) {
        const dir = bundleDir(fn);
        const code = readFileSync(join(dir, 'index.mjs'), 'utf8');

        expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
        expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
        expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      }
    });

    it('keeps every bundle within its size budget (receivers the smallest)', () => {
      const over = functions
        .map(([, fn]) => ({
          handler: fn.handler,
          kib: statSync(join(bundleDir(fn), 'index.mjs')).size / 1024,
          budget: BUNDLE_BUDGET_KIB[fn.handler],
        }))
        .filter(({ kib, budget }) => kib > budget)
        .map(({ handler, kib, budget }) => `${handler}: ${kib.toFixed(0)} KiB > ${budget} KiB`);

      expect(over).toEqual([]);
      expect(BUNDLE_BUDGET_KIB['github-receiver']).toBeLessThan(BUNDLE_BUDGET_KIB.worker);
    });

    it('bundles the AWS SDK rather than relying on the runtime copy', () => {
      for (const [, fn] of functions) {
        const code = readFileSync(join(bundleDir(fn), 'index.mjs'), 'utf8');

        expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      }
    });

    it('ships the Cedar wasm and the shipped policies beside the bundles that use Cedar (Evaluate, the API)', () => {
      const cedarUsers = functions.filter(([name]) => name === 'evaluate' || name === 'api');

      expect(cedarUsers).toHaveLength(2);
      for (const [name, fn] of cedarUsers)
        for (const file of ['cedar_wasm_bg.wasm', 'policies/schema.cedarschema', 'policies/default.cedar'])
          expect({ name, file, there: existsSync(join(bundleDir(fn), file)) }).toEqual({
            name,
            file,
            there: true,
          });
    });

    it('loads each bundle with exactly the environment CDK gives it', async () => {
      const resources = staging.template.toJSON().Resources as Record<
        string,
        { Type: string; Properties: Record<string, never> }
      >;

      const loads = functions.map(async ([name, fn]) => {
        const variables = resources[logicalIdOf(fn.function)]?.Properties.Environment?.['Variables'] ?? {};
        const env = Object.fromEntries(
          Object.entries(variables).map(([key, value]) => [key, deployedValue(value, resources)]),
        );
        const entry = pathToFileURL(join(bundleDir(fn), 'index.mjs')).href;
        const script =
          "const m = await import(process.argv[1]); if (typeof m.handler !== 'function') throw new Error('no handler export');";

        await expect(
          run(process.execPath, ['--input-type=module', '-e', script, entry], {
            env: { PATH: process.env.PATH, AWS_REGION: TEST_ENV.region, ...env },
            timeout: 20_000,
          }),
          name,
        ).resolves.toBeDefined();
      });
      await Promise.all(loads);
    });
  });
});
