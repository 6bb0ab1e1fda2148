import { Capture, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import { API_ENV, ApiFunctionEnvSchema } from '../../lambdas/config/api-env.js';
import {
  flatten,
  logicalIdOf,
  removeOutputs,
  statementsOfRole,
  statementsWithAction,
  synthStage,
  type Statement,
  type SynthesizedStage,
} from './synth-stage.js';

const MACHINE_ARN = 'arn:<AWS::Partition>:states:eu-west-1:111111111111:stateMachine:autoflow-staging-action';
const SECRET_ARN =
  'arn:<AWS::Partition>:secretsmanager:eu-west-1:111111111111:secret:autoflow/staging/projects/*';

let staging: SynthesizedStage;
let prod: SynthesizedStage;
let ids: { fn: string; role: string; secret: string; table: string; audit: string; key: string };

beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
  const { consoleApi, data, audit } = staging.stack;
  ids = {
    fn: logicalIdOf(consoleApi.api.function),
    role: logicalIdOf(consoleApi.api.role),
    secret: logicalIdOf(consoleApi.initAdminToken),
    table: logicalIdOf(data.table),
    audit: logicalIdOf(audit.table),
    key: logicalIdOf(data.key),
  };
});

afterAll(() => removeOutputs(staging, prod));

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): string[] =>
  (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(flatten);
const onResource = (statements: Statement[], resource: string) =>
  statements.filter((s) => resourcesOf(s).includes(resource)).flatMap(actionsOf);

describe('ConsoleApi', () => {
  describe('function', () => {
    it('runs the api handler with 1024 MB and 29 s, inside API Gateway’s 30 s', () => {
      staging.template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [ids.role, 'Arn'] },
        MemorySize: 1024,
        Timeout: 29,
      });
      expect(staging.stack.consoleApi.api.handler).toBe('api');
    });

    it('gets exactly the variables lambdas/config/api-env.ts requires', () => {
      const variables = staging.template.findResources('AWS::Lambda::Function')[ids.fn]?.Properties
        .Environment.Variables as Record<string, unknown>;
      // AWS_REGION is set by Lambda itself; optional variables (the Asana API URL) are left to their defaults.
      const required = Object.entries(ApiFunctionEnvSchema.shape)
        .filter(([name, schema]) => name !== 'AWS_REGION' && !schema.safeParse(undefined).success)
        .map(([name]) => name);

      expect(Object.keys(variables).sort()).toEqual([...required, 'NODE_OPTIONS'].sort());
      expect(variables[ENV.tableName]).toEqual({ Ref: ids.table });
      expect(variables[ENV.auditTableName]).toEqual({ Ref: ids.audit });
      expect(flatten(variables[ENV.actionStateMachineArn])).toBe(MACHINE_ARN);
      expect(variables[ENV.secretPrefix]).toBe('autoflow/staging');
      expect(variables[API_ENV.initAdminTokenSecretId]).toEqual({ Ref: ids.secret });
    });

    it('is told the console’s CloudFront URL, the origin its CSRF checks accept', () => {
      const variables =
        staging.template.findResources('AWS::Lambda::Function')[ids.fn]?.Properties.Environment.Variables;
      const distribution = logicalIdOf(staging.stack.console.distribution);

      expect(flatten(variables[API_ENV.publicUrl])).toBe(`https://<${distribution}.DomainName>`);
      const outputs = staging.template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(flatten(outputs.ConsoleUrl?.Value)).toBe(flatten(variables[API_ENV.publicUrl]));
    });
  });

  describe('routes', () => {
    it.each(['ANY /api', 'ANY /api/{proxy+}'])(
      'sends %s to the function with payload 2.0 and no authorizer',
      (routeKey) => {
        const target = new Capture();
        staging.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          ApiId: { Ref: logicalIdOf(staging.stack.ingest.api) },
          RouteKey: routeKey,
          Target: target,
          AuthorizationType: 'NONE',
        });
        const integrationId = flatten(target.asObject()).replace(/^integrations\/<(.+)>$/, '$1');

        expect(
          staging.template.findResources('AWS::ApiGatewayV2::Integration')[integrationId]?.Properties,
        ).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
          IntegrationUri: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
        });
      },
    );

    it('lets only API Gateway invoke the function, from the /api routes', () => {
      const permissions = Object.values(staging.template.findResources('AWS::Lambda::Permission')).filter(
        (p) => JSON.stringify(p.Properties.FunctionName).includes(ids.fn),
      );

      expect(permissions.map((p) => p.Properties.Principal)).toEqual(
        permissions.map(() => 'apigateway.amazonaws.com'),
      );
      expect(
        permissions.map((p) => flatten(p.Properties.SourceArn).replace(/^.*\/\*\/\*/, '')).sort(),
      ).toEqual(['/api', '/api/{proxy+}'].sort());
    });
  });

  describe('first-admin token', () => {
    it('is generated, at least 24 characters, and encrypted with the data key', () => {
      const template = new Capture();
      staging.template.hasResourceProperties('AWS::SecretsManager::Secret', {
        KmsKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        GenerateSecretString: template,
      });

      expect(template.asObject()).toMatchObject({ ExcludePunctuation: true });
      expect(template.asObject().PasswordLength).toBeGreaterThanOrEqual(24);
      expect(template.asObject().SecretStringTemplate).toBeUndefined();
    });

    it('is retained with Prod and deleted with Staging', () => {
      const policy = (stage: SynthesizedStage) =>
        stage.template.findResources('AWS::SecretsManager::Secret')[
          logicalIdOf(stage.stack.consoleApi.initAdminToken)
        ]?.DeletionPolicy;

      expect([policy(prod), policy(staging)]).toEqual(['Retain', 'Delete']);
    });

    it('is named by a stack output', () => {
      const outputs = staging.template.toJSON().Outputs as Record<string, { Value: unknown }>;

      expect(outputs.InitAdminTokenSecretArn?.Value).toEqual({ Ref: ids.secret });
    });
  });

  describe('permissions', () => {
    let statements: Statement[];
    beforeAll(() => {
      statements = statementsOfRole(staging.template, ids.role);
    });

    it('reads and writes the main table', () => {
      expect(onResource(statements, `<${ids.table}.Arn>`)).toEqual(
        expect.arrayContaining([
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ]),
      );
    });

    it('may only Query and Put on the audit table', () => {
      const onAudit = statements.filter((s) =>
        resourcesOf(s).some((r) => r.startsWith(`<${ids.audit}.Arn>`)),
      );

      expect(onAudit.flatMap(actionsOf).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    });

    it('starts actions and answers approval waits on the action machine only', () => {
      const states = statementsWithAction(staging.template, ids.role, 'states:');

      expect(states.map((s) => [actionsOf(s).sort(), resourcesOf(s)])).toEqual([
        [['states:StartExecution'], [MACHINE_ARN]],
        [['states:SendTaskFailure', 'states:SendTaskSuccess'], [MACHINE_ARN]],
      ]);
    });

    it('reads, puts and creates project tokens and webhook secrets, and reads the first-admin token', () => {
      const secrets = statementsWithAction(staging.template, ids.role, 'secretsmanager:');

      expect(secrets.map((s) => [actionsOf(s).sort(), resourcesOf(s)])).toEqual([
        [
          ['secretsmanager:CreateSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
          [`${SECRET_ARN}/tokens*`, `${SECRET_ARN}/webhooks*`],
        ],
        [['secretsmanager:GetSecretValue'], [`<${ids.secret}>`]],
      ]);
    });

    it('uses the data key for secrets only through Secrets Manager', () => {
      const viaSecretsManager = statements.filter((s) =>
        JSON.stringify(s.Condition ?? {}).includes('secretsmanager.'),
      );

      expect(viaSecretsManager.length).toBeGreaterThan(0);
      for (const s of viaSecretsManager) expect(resourcesOf(s)).toEqual([`<${ids.key}.Arn>`]);
      staging.template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: ids.role }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
              Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } },
            }),
          ]),
        },
      });
    });

    it('has no signing-key or invoke permissions', () => {
      expect(
        statements.flatMap(actionsOf).filter((a) => /^(lambda|kms:Sign|kms:GetPublicKey)/.test(a)),
      ).toEqual([]);
    });

    it('may peek at and move dead letters: consume the DLQ, send to the queue, start a move task on the DLQ', () => {
      const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
      const { queue, deadLetterQueue } = staging.stack.ingest;
      const on = (queueConstruct: typeof queue) => ({ 'Fn::GetAtt': [logicalIdOf(queueConstruct), 'Arn'] });
      expect(sqs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
            Resource: on(deadLetterQueue),
          }),
          expect.objectContaining({
            Action: expect.arrayContaining(['sqs:SendMessage']),
            Resource: on(queue),
          }),
          expect.objectContaining({
            Action: expect.arrayContaining(['sqs:StartMessageMoveTask']),
            Resource: on(deadLetterQueue),
          }),
        ]),
      );
    });
  });
});
