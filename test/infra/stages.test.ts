import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStageConfig, StageConfigSchema, STAGE_DEFAULTS } from '../../lib/stage-config.js';
import {
  flatten,
  functionsOf,
  logicalIdOf,
  statementsOfRole,
  removeOutputs,
  synthStage,
  TEST_ENV,
  type Statement,
  type SynthesizedStage,
} from './synth-stage.js';

/** Logical ids of the stateful resources: a change here means CloudFormation would replace them. */
const STATEFUL_IDS = {
  'AWS::KMS::Key': ['AlertsKey9E1197AF', 'DataKey5F086070', 'SigningKey70710D41'],
  'AWS::DynamoDB::Table': ['AlertsNotificationTableCA0858AB', 'AuditTable18A3095C', 'DataMainTable7D30227F'],
  'AWS::SQS::Queue': ['IngestDeadLetterQueueE8016E9B', 'IngestQueue95F6DB49'],
  'AWS::S3::Bucket': ['ConsoleBucket86B6957C'],
  'AWS::SecretsManager::Secret': ['AlertsWebhookSecret4E288CBA', 'ConsoleApiInitAdminTokenC0DC5B7F'],
};

/** What each function may do, by capability (see docs/deploy.md). */
const IAM_MATRIX: Record<string, string[]> = {
  // The console API: what people do in the console. Its audit access is Query and PutItem only (see audit.test.ts);
  // its queue access is for dead letters (consume the DLQ, send to the queue: console-api.test.ts).
  api: [
    'actions:start',
    'audit:append',
    'init-token:read',
    'queue:consume',
    'queue:send',
    'table:read',
    'table:write',
    'tasks:respond',
    'tokens:read',
    'tokens:write',
    'webhooks:read',
    'webhooks:write',
  ],
  githubReceiver: ['queue:send', 'table:read', 'table:write', 'webhooks:read'],
  asanaReceiver: ['queue:send', 'table:read', 'table:write', 'webhooks:read', 'webhooks:write'],
  worker: ['actions:start', 'queue:consume', 'queue:send', 'table:read', 'table:write', 'tokens:read'],
  evaluate: ['audit:append', 'table:read'],
  approval: ['audit:append', 'table:read', 'table:write', 'tasks:respond'],
  authorize: ['audit:append', 'kms:sign', 'table:read'],
  // Its only table write is the single-use record of a token id (dynamodb:LeadingKeys JTI#*).
  execute: ['audit:append', 'jti:write', 'kms:verify', 'tokens:read'],
  record: ['actions:start', 'audit:append', 'table:read', 'table:write'],
  // Its own notification table (dedupe), not the main table; see notifier.test.ts.
  notifier: ['table:read', 'table:write'],
};

// Services where AWS offers no resource-level permissions for these actions.
const STAR_RESOURCE_ACTIONS =
  /^(xray:|cloudwatch:GetMetricData$|logs:(Create|Get|Update|Delete|List)LogDelivery|logs:ListLogDeliveries|logs:PutResourcePolicy|logs:DescribeResourcePolicies|logs:DescribeLogGroups)/;

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): string[] =>
  (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(flatten);

function capabilities(statements: Statement[]): string[] {
  const can = (action: string, resource?: RegExp, when = (_: Statement) => true) =>
    statements.some(
      (s) =>
        actionsOf(s).includes(action) &&
        (!resource || resourcesOf(s).some((r) => resource.test(r))) &&
        when(s),
    );
  const AUDIT = /^<AuditTable/;
  const NOT_AUDIT = /^(?!<AuditTable)/;
  const jtiOnly = (s: Statement) => JSON.stringify(s.Condition ?? {}).includes('dynamodb:LeadingKeys');
  const found: [string, boolean][] = [
    ['actions:start', can('states:StartExecution')],
    ['audit:append', can('dynamodb:PutItem', AUDIT)],
    ['init-token:read', can('secretsmanager:GetSecretValue', /^<ConsoleApiInitAdminToken/)],
    ['jti:write', can('dynamodb:PutItem', NOT_AUDIT, jtiOnly)],
    ['kms:sign', can('kms:Sign')],
    ['kms:verify', can('kms:GetPublicKey')],
    ['queue:consume', can('sqs:ReceiveMessage')],
    ['queue:send', can('sqs:SendMessage')],
    ['table:read', can('dynamodb:GetItem', NOT_AUDIT)],
    ['table:write', can('dynamodb:PutItem', NOT_AUDIT, (s) => !jtiOnly(s))],
    ['tasks:respond', can('states:SendTaskSuccess')],
    ['tokens:read', can('secretsmanager:GetSecretValue', /\/tokens\*$/)],
    ['tokens:write', can('secretsmanager:PutSecretValue', /\/tokens\*$/)],
    ['webhooks:read', can('secretsmanager:GetSecretValue', /\/webhooks\*$/)],
    ['webhooks:write', can('secretsmanager:PutSecretValue', /\/webhooks\*$/)],
  ];
  return found.filter(([, yes]) => yes).map(([name]) => name);
}

let staging: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
});

afterAll(() => removeOutputs(staging, prod));

describe('stage config', () => {
  it('builds Staging and Prod from their defaults', () => {
    expect(createStageConfig('prod', TEST_ENV)).toEqual({
      stageName: 'prod',
      ...TEST_ENV,
      ...STAGE_DEFAULTS.prod,
    });
  });

  it.each([
    ['an account that is not 12 digits', { account: '1234', region: 'eu-west-1' }],
    ['a region that is not a region', { account: '111111111111', region: 'Ireland' }],
  ])('rejects %s', (_, env) => {
    expect(() => createStageConfig('staging', env)).toThrow();
  });

  it('rejects an unknown stage', () => {
    expect(
      StageConfigSchema.safeParse({ ...STAGE_DEFAULTS.staging, ...TEST_ENV, stageName: 'dev' }).success,
    ).toBe(false);
  });
});

describe('stages', () => {
  it('deploy each stage to its configured account and region', () => {
    for (const { stage, stack } of [staging, prod]) {
      expect([stage.account, stage.region, stack.account, stack.region]).toEqual([
        TEST_ENV.account,
        TEST_ENV.region,
        TEST_ENV.account,
        TEST_ENV.region,
      ]);
    }
  });

  it('protect the Prod stack from termination, not Staging', () => {
    expect([staging.stack.terminationProtection, prod.stack.terminationProtection]).toEqual([false, true]);
  });

  it('keep the logical ids of stateful resources in both stages', () => {
    for (const { template } of [staging, prod]) {
      for (const [type, ids] of Object.entries(STATEFUL_IDS)) {
        expect(Object.keys(template.findResources(type)).sort(), type).toEqual(ids);
      }
    }
  });

  it('retain every stateful resource in Prod and delete them with the stack in Staging', () => {
    const policies = ({ template }: SynthesizedStage) =>
      Object.entries(STATEFUL_IDS).flatMap(([type, ids]) =>
        ids.map((id) => template.findResources(type)[id]?.DeletionPolicy),
      );

    expect(new Set(policies(prod))).toEqual(new Set(['Retain']));
    expect(new Set(policies(staging))).toEqual(new Set(['Delete']));
  });

  it('name their resources apart, so both fit in one account', () => {
    const names = ({ template }: SynthesizedStage) => [
      Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0]?.Properties
        .StateMachineName,
      Object.values(template.findResources('AWS::KMS::Alias'))[0]?.Properties.AliasName,
      Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0]?.Properties.Name,
    ];

    expect(names(staging)).toEqual([
      'autoflow-staging-action',
      'alias/autoflow/staging/data',
      'autoflow-staging-webhooks',
    ]);
    expect(names(prod)).toEqual([
      'autoflow-prod-action',
      'alias/autoflow/prod/data',
      'autoflow-prod-webhooks',
    ]);
  });

  it('output the webhook base URL, the secret prefix and the data key', () => {
    const outputs = staging.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const api = logicalIdOf(staging.stack.ingest.api);

    expect(flatten(outputs.WebhookBaseUrl?.Value)).toBe(`<${api}.ApiEndpoint>/webhooks`);
    expect(outputs.SecretPrefix?.Value).toBe('autoflow/staging');
    expect(flatten(outputs.DataKeyArn?.Value)).toBe(`<${logicalIdOf(staging.stack.data.key)}.Arn>`);
  });
});

describe('least privilege', () => {
  it.each(Object.entries(IAM_MATRIX))('%s may do exactly what the matrix says', (name, expected) => {
    const fn = functionsOf(staging.stack)[name];
    if (!fn) throw new Error(`no function ${name}`);

    expect(capabilities(statementsOfRole(staging.template, logicalIdOf(fn.role)))).toEqual(expected);
  });

  it('grants no action with a service-wide wildcard', () => {
    const actions = Object.values(staging.template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).flatMap(actionsOf),
    );

    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('grants Resource "*" only for X-Ray and Step Functions log delivery', () => {
    const starred = Object.values(staging.template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => resourcesOf(s).includes('*'))
      .flatMap(actionsOf);

    expect(starred.length).toBeGreaterThan(0);
    expect(starred.filter((a) => !STAR_RESOURCE_ACTIONS.test(a))).toEqual([]);
  });

  it('lets only the console API and the Asana receiver write secrets', () => {
    const writers = Object.entries(functionsOf(staging.stack))
      .filter(([, fn]) =>
        statementsOfRole(staging.template, logicalIdOf(fn.role)).some((s) =>
          actionsOf(s).some((a) => /^secretsmanager:(Put|Create|Update|Delete)/.test(a)),
        ),
      )
      .map(([name]) => name);

    expect(writers).toEqual(['api', 'asanaReceiver']);
  });
});
