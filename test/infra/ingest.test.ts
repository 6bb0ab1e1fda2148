import { Capture, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV, INGEST_QUEUE } from '../../lambdas/adapters/aws/schema.js';
import { STAGE_DEFAULTS } from '../../lib/stage-config.js';
import {
  actionsOfRole,
  flatten,
  logicalIdOf,
  statementsWithAction,
  removeOutputs,
  synthStage,
  type SynthesizedStage,
} from './synth-stage.js';

let staging: SynthesizedStage;
let ids: {
  queue: string;
  dlq: string;
  key: string;
  table: string;
  github: string;
  asana: string;
  worker: string;
};

beforeAll(() => {
  staging = synthStage('staging');
  const { ingest, data } = staging.stack;
  ids = {
    queue: logicalIdOf(ingest.queue),
    dlq: logicalIdOf(ingest.deadLetterQueue),
    key: logicalIdOf(data.key),
    table: logicalIdOf(data.table),
    github: logicalIdOf(ingest.githubReceiver.function),
    asana: logicalIdOf(ingest.asanaReceiver.function),
    worker: logicalIdOf(ingest.worker.function),
  };
});

afterAll(() => removeOutputs(staging));

describe('Ingest', () => {
  describe('queues', () => {
    it('moves a message to the DLQ after three receives', () => {
      staging.template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 3 },
        VisibilityTimeout: INGEST_QUEUE.visibilityTimeoutSeconds,
        MessageRetentionPeriod: INGEST_QUEUE.retentionDays * 24 * 3600,
      });
    });

    it('encrypts both queues with the data key', () => {
      const queues = staging.template.findResources('AWS::SQS::Queue', {
        Properties: { KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] } },
      });

      expect(Object.keys(queues).sort()).toEqual([ids.dlq, ids.queue].sort());
    });

    it('refuses requests without TLS on both queues', () => {
      for (const queue of [ids.queue, ids.dlq]) {
        staging.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queue }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });
  });

  describe('worker', () => {
    it('consumes the queue in batches, reports item failures and caps its concurrency', () => {
      staging.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: ids.worker },
        BatchSize: INGEST_QUEUE.maxBatchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: INGEST_QUEUE.maxConcurrency },
      });
      staging.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    });

    it('finishes a batch well within the visibility timeout', () => {
      const timeout = new Capture();
      staging.template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Environment: {
          Variables: Match.objectLike({
            [ENV.actionStateMachineArn]: Match.anyValue(),
            [ENV.secretPrefix]: Match.anyValue(),
          }),
        },
        Timeout: timeout,
        Description: Match.stringLikeRegexp('queued deliveries'),
      });

      expect(timeout.asNumber()).toBeLessThanOrEqual(INGEST_QUEUE.visibilityTimeoutSeconds / 2);
    });

    it('gets the table, the action machine, the secret prefix and its own queue URL', () => {
      const variables =
        staging.template.findResources('AWS::Lambda::Function')[ids.worker]?.Properties.Environment.Variables;

      expect(Object.keys(variables).sort()).toEqual(
        [
          ENV.tableName,
          ENV.actionStateMachineArn,
          ENV.secretPrefix,
          ENV.queueUrl,
          ENV.stage,
          'NODE_OPTIONS',
        ].sort(),
      );
      expect(flatten(variables[ENV.actionStateMachineArn])).toBe(
        'arn:<AWS::Partition>:states:eu-west-1:111111111111:stateMachine:autoflow-staging-action',
      );
    });

    it('may consume the queue and put rate-limited deliveries back on it, never on the DLQ', () => {
      const role = logicalIdOf(staging.stack.ingest.worker.role);
      const actions = actionsOfRole(staging.template, role);
      const sends = statementsWithAction(staging.template, role, 'sqs:SendMessage');

      expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
      expect(sends.map((s) => flatten(s.Resource))).toEqual([
        `<${logicalIdOf(staging.stack.ingest.queue)}.Arn>`,
      ]);
    });
  });

  describe('receivers', () => {
    it.each(['github', 'asana'] as const)(
      'the %s receiver gets table, queue URL and secret prefix',
      (provider) => {
        const variables =
          staging.template.findResources('AWS::Lambda::Function')[ids[provider]]?.Properties.Environment
            .Variables;

        expect(variables).toEqual({
          [ENV.tableName]: { Ref: ids.table },
          [ENV.queueUrl]: { Ref: ids.queue },
          [ENV.secretPrefix]: 'autoflow/staging',
          [ENV.stage]: 'staging',
          NODE_OPTIONS: '--enable-source-maps',
        });
      },
    );

    it.each(['githubReceiver', 'asanaReceiver'] as const)('%s may send to the queue', (name) => {
      const statements = statementsWithAction(
        staging.template,
        logicalIdOf(staging.stack.ingest[name].role),
        'sqs:',
      );

      expect(statements).toEqual([
        expect.objectContaining({
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Resource: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        }),
      ]);
    });
  });

  describe('webhook API', () => {
    it.each([
      ['github', 'POST /webhooks/github/{projectId}'],
      ['asana', 'POST /webhooks/asana/{projectId}'],
    ] as const)('routes %s webhooks to their receiver', (provider, routeKey) => {
      const target = new Capture();
      staging.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        Target: target,
        AuthorizationType: 'NONE',
      });
      const integrationId = flatten(target.asObject()).replace(/^integrations\/<(.+)>$/, '$1');

      const integration = staging.template.findResources('AWS::ApiGatewayV2::Integration')[integrationId];
      expect(integration?.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [ids[provider], 'Arn'] },
      });
    });

    it('exposes only the two webhook routes and the console API', () => {
      const routes = Object.values(staging.template.findResources('AWS::ApiGatewayV2::Route'));

      expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
        'ANY /api',
        'ANY /api/{proxy+}',
        'POST /webhooks/asana/{projectId}',
        'POST /webhooks/github/{projectId}',
      ]);
    });

    it('throttles and access-logs the default stage', () => {
      const { rateLimit, burstLimit } = STAGE_DEFAULTS.staging.webhookThrottle;
      const format = new Capture();
      const accessLogs = logicalIdOf(staging.stack.ingest.node.findChild('WebhookApiAccessLogs'));

      staging.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [accessLogs, 'Arn'] },
          Format: format,
        },
      });
      expect(JSON.parse(format.asString())).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
      });
      expect(
        staging.template.findResources('AWS::Logs::LogGroup')[accessLogs]?.Properties.RetentionInDays,
      ).toBe(30);
    });

    it('keeps webhook signatures out of the access log', () => {
      const stage = Object.values(staging.template.findResources('AWS::ApiGatewayV2::Stage'))[0];

      expect(stage?.Properties.AccessLogSettings.Format).not.toMatch(/header/i);
    });
  });
});
