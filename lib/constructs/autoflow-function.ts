import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import type { StageName } from '../stage-config.js';

/** The Lambda entry points, one file each under `lambdas/handlers/`. */
export const HANDLERS = [
  'api',
  'github-receiver',
  'asana-receiver',
  'worker',
  'action-evaluate',
  'action-approval',
  'action-authorize',
  'action-execute',
  'action-record',
  'notifier',
  'reconcile-find-stuck',
  'reconcile-repair',
  'reconcile-webhooks',
  'reconcile-summary',
] as const;
export type HandlerName = (typeof HANDLERS)[number];

/**
 * Size budget of each minified bundle, KiB. The receivers answer GitHub and Asana on the hot path and
 * must stay small (no Step Functions, KMS, Cedar or Octokit); everything else has a looser ceiling.
 * `test/infra/autoflow-function.test.ts` fails when a bundle outgrows its budget and `npm run bench`
 * prints each bundle against it. Raise a budget only deliberately, saying why in the commit.
 */
export const BUNDLE_BUDGET_KIB: Readonly<Record<HandlerName, number>> = {
  'github-receiver': 1200,
  'asana-receiver': 1200,
  notifier: 1200,
  // The console API, /api/v1 with its OpenAPI document, and MCP (whose SDK brings ajv): ≈ 2,320 KiB.
  api: 2600,
  worker: 2048,
  'action-evaluate': 2048,
  'action-approval': 2048,
  'action-authorize': 2048,
  'action-execute': 2048,
  'action-record': 2048,
  'reconcile-find-stuck': 2048,
  'reconcile-repair': 2048,
  'reconcile-webhooks': 2048,
  'reconcile-summary': 2048,
};

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * esbuild emits ESM, where `require` does not exist; CommonJS dependencies (the asana SDK) still
 * call it for Node built-ins. The alias keeps the banner from colliding with bundled identifiers.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __autoflowCreateRequire } from 'node:module'; const require = __autoflowCreateRequire(import.meta.url);";

/** What every function of a stage shares: its stage and how long its logs live. */
export interface FunctionDefaults {
  readonly stageName: StageName;
  readonly logRetention: RetentionDays;
  /** Keep the log group when the stack is deleted. */
  readonly retainLogs: boolean;
}

/** Props of one Auto-Flow Lambda function. */
export interface AutoflowFunctionProps extends FunctionDefaults {
  readonly handler: HandlerName;
  readonly description: string;
  readonly timeout: Duration;
  /** Variables beyond STAGE and NODE_OPTIONS, which every function gets. */
  readonly environment: Record<string, string>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default - unreserved (the account's shared pool) */
  readonly reservedConcurrentExecutions?: number;
  /** Files copied beside the bundle, relative to the project root (e.g. the Cedar wasm and policies). @default none */
  readonly bundleFiles?: readonly { readonly from: string; readonly to: string }[];
}

/** One Auto-Flow Lambda function with the shared defaults: Node 22 on arm64, local ESM bundle, own role and log group, X-Ray. */
export class AutoflowFunction extends Construct {
  readonly handler: HandlerName;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AutoflowFunctionProps) {
    super(scope, id);
    this.handler = props.handler;
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // An own role instead of the managed AWSLambdaBasicExecutionRole: it may write to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Auto-Flow ${props.stageName} ${props.handler}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, 'lambdas', 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        [ENV.stage]: props.stageName,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        // Bundle the AWS SDK too: the code that ships is the version the lockfile pins and the tests ran.
        externalModules: [],
        minify: true,
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        logLevel: LogLevel.WARNING,
        ...(props.bundleFiles?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  (props.bundleFiles ?? []).map(
                    ({ from, to }) =>
                      `mkdir -p "$(dirname "${outputDir}/${to}")" && cp "${inputDir}/${from}" "${outputDir}/${to}"`,
                  ),
              },
            }
          : {}),
      },
    });

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to nodejs22.x on purpose (ARCHITECTURE §2): the same code runs locally on Node 20 and is tested there; move with an explicit runtime upgrade.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only the X-Ray statement added by Tracing.ACTIVE (xray:PutTraceSegments, xray:PutTelemetryRecords) and, for the console API, cloudwatch:GetMetricData (the ingest queue\'s oldest-message age); neither supports resource-level permissions; test/infra asserts no other statement has Resource "*".',
      },
    );
  }
}
