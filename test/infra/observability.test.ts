import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../lib/constructs/autoflow-function.js';
import { LOG_METRICS_NAMESPACE } from '../../lib/constructs/observability.js';
import { logicalIdOf, removeOutputs, synthStage, type SynthesizedStage } from './synth-stage.js';

let staging: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
});

afterAll(() => removeOutputs(staging, prod));

interface AlarmProps {
  AlarmName: string;
  MetricName?: string;
  Namespace?: string;
  Threshold: number;
  ComparisonOperator: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  TreatMissingData: string;
  Dimensions?: { Name: string; Value: unknown }[];
}
const alarms = ({ template }: SynthesizedStage) =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as AlarmProps);
const alarmNamed = (stage: SynthesizedStage, name: string) => {
  const alarm = alarms(stage).find((a) => a.AlarmName === name);
  if (!alarm) throw new Error(`no alarm ${name}`);
  return alarm;
};

describe('Observability', () => {
  it('alarms when anything waits in the dead-letter queue', () => {
    const alarm = alarmNamed(staging, 'autoflow-staging-dlq-depth');

    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(JSON.stringify(alarm.Dimensions)).toContain(logicalIdOf(staging.stack.ingest.deadLetterQueue));
  });

  it('alarms on errors and throttles of every function', () => {
    const names = alarms(prod).map((a) => a.AlarmName);

    for (const handler of HANDLERS) {
      expect(names).toContain(`autoflow-prod-${handler}-errors`);
      expect(names).toContain(`autoflow-prod-${handler}-throttles`);
    }
    expect(alarmNamed(prod, 'autoflow-prod-worker-errors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Threshold: 1,
    });
  });

  it('alarms on failed executions of the action state machine', () => {
    expect(alarmNamed(staging, 'autoflow-staging-action-executions-failed')).toMatchObject({
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Threshold: 1,
    });
  });

  it('counts rejected signatures from the receivers log lines and alarms on a spike', () => {
    for (const [provider, receiver] of [
      ['github', staging.stack.ingest.githubReceiver],
      ['asana', staging.stack.ingest.asanaReceiver],
    ] as const) {
      const metricName = `${provider === 'github' ? 'Github' : 'Asana'}SignaturesRejected`;
      staging.template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logicalIdOf(receiver.logGroup) },
        FilterPattern: `{ $.message = "${provider} signature rejected" }`,
        MetricTransformations: [
          Match.objectLike({
            MetricNamespace: LOG_METRICS_NAMESPACE,
            MetricName: metricName,
            MetricValue: '1',
          }),
        ],
      });
      expect(alarmNamed(staging, `autoflow-staging-${provider}-signature-spike`)).toMatchObject({
        Namespace: LOG_METRICS_NAMESPACE,
        MetricName: metricName,
        Threshold: 10,
      });
    }
  });

  it('alarms on failed executions of the reconcile state machine', () => {
    expect(alarmNamed(staging, 'autoflow-staging-reconcile-executions-failed')).toMatchObject({
      MetricName: 'ExecutionsFailed',
    });
  });

  it('alarms on any escalated approval and any failed webhook repair, from their log lines', () => {
    for (const [name, metricName, message, fn] of [
      ['approval-escalated', 'ApprovalEscalated', 'approval escalated', staging.stack.pipeline.approval],
      [
        'webhook-repair-failed',
        'WebhookRepairFailed',
        'webhook repair failed',
        staging.stack.reconcile.repairWebhooks,
      ],
    ] as const) {
      staging.template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logicalIdOf(fn.logGroup) },
        FilterPattern: `{ $.message = "${message}" }`,
        MetricTransformations: [
          Match.objectLike({ MetricNamespace: LOG_METRICS_NAMESPACE, MetricName: metricName }),
        ],
      });
      expect(alarmNamed(staging, `autoflow-staging-${name}`)).toMatchObject({
        MetricName: metricName,
        Threshold: 1,
      });
    }
  });

  it('sends every alarm and its recovery to the alarm topic, and treats missing data as fine', () => {
    const topic = { Ref: logicalIdOf(staging.stack.notifier.topic) };

    for (const alarm of alarms(staging)) {
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topic]);
      expect(alarm.OKActions, alarm.AlarmName).toEqual([topic]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });
});
