import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageName } from '../stage-config.js';
import type { AutoflowFunction } from './autoflow-function.js';

/** A receiver whose rejected signatures are counted from its log lines. */
export interface SignatureSource {
  readonly provider: 'github' | 'asana';
  readonly logGroup: ILogGroup;
}

/** Props of the stage's alarms. */
export interface ObservabilityProps {
  readonly stageName: StageName;
  /** Where every alarm (and its recovery) is sent. */
  readonly topic: ITopic;
  readonly functions: readonly AutoflowFunction[];
  readonly deadLetterQueues: readonly IQueue[];
  readonly stateMachines: readonly IStateMachine[];
  readonly signatureSources: readonly SignatureSource[];
  /** Rejected signatures per provider in 5 minutes that count as a spike. @default 10 */
  readonly signatureSpikeThreshold?: number;
  /** Log lines that are alarms of their own (an approval escalated, a webhook repair failed). @default none */
  readonly logAlarms?: readonly LogAlarm[];
}

/** An alarm on one structured log line of one function: any occurrence in 5 minutes raises it. */
export interface LogAlarm {
  /** Short kebab-case name, e.g. `approval-escalated`. */
  readonly name: string;
  readonly logGroup: ILogGroup;
  /** The `message` of the log line. */
  readonly message: string;
  readonly description: string;
}

/** Custom metrics derived from logs live here, next to the Powertools EMF metrics. */
export const LOG_METRICS_NAMESPACE = 'AutoFlow/Logs';

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/**
 * CloudWatch alarms of one stage, each sending ALARM and OK to the topic: DLQ depth > 0, errors and
 * throttles of every function, failed executions of every state machine, spikes of rejected
 * webhook signatures (a metric filter on the receivers' `… signature rejected` log line), and any
 * occurrence of the log lines named in `logAlarms`.
 */
export class Observability extends Construct {
  readonly alarms: Alarm[] = [];
  /** Rejected signatures per provider, for the dashboard. */
  readonly signatureMetrics: Metric[] = [];
  private readonly props: ObservabilityProps;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.props = props;
    const prefix = `autoflow-${props.stageName}`;

    props.deadLetterQueues.forEach((queue, i) => {
      this.alarm(`DeadLetterQueue${i || ''}Depth`, `${prefix}-dlq${i || ''}-depth`, {
        description: 'Deliveries failed 3 times and wait in the DLQ. Runbook: docs/runbooks/dlq-redrive.md',
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 1,
      });
    });

    for (const fn of props.functions) {
      const name = `${prefix}-${fn.handler}`;
      this.alarm(`${pascal(fn.handler)}Errors`, `${name}-errors`, {
        description: `${fn.handler} threw. Logs: ${fn.logGroup.logGroupName}`,
        metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
      });
      this.alarm(`${pascal(fn.handler)}Throttles`, `${name}-throttles`, {
        description: `${fn.handler} was throttled (account concurrency or a reserved limit).`,
        metric: fn.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
      });
    }

    for (const machine of props.stateMachines) {
      const id = machine.node.id;
      const short = id.replace(/StateMachine$/, '').toLowerCase();
      this.alarm(`${id}ExecutionsFailed`, `${prefix}-${short}-executions-failed`, {
        description: `Executions of the ${short} state machine failed. Console: Step Functions, filter by status Failed.`,
        metric: machine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
      });
    }

    for (const { provider, logGroup } of props.signatureSources) {
      const metricName = `${pascal(provider)}SignaturesRejected`;
      new MetricFilter(this, `${pascal(provider)}SignatureRejectedFilter`, {
        logGroup,
        filterPattern: FilterPattern.stringValue('$.message', '=', `${provider} signature rejected`),
        metricNamespace: LOG_METRICS_NAMESPACE,
        metricName,
        metricValue: '1',
        dimensions: { stage: props.stageName },
      });
      const metric = new Metric({
        namespace: LOG_METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { stage: props.stageName },
        period: Duration.minutes(5),
        statistic: 'Sum',
      });
      this.signatureMetrics.push(metric);
      this.alarm(`${pascal(provider)}SignatureSpike`, `${prefix}-${provider}-signature-spike`, {
        description: `Many ${provider} webhooks failed signature checks: a rotated secret, or someone probing. Runbook: docs/runbooks/webhook-outage.md`,
        metric,
        threshold: props.signatureSpikeThreshold ?? 10,
      });
    }

    for (const logAlarm of props.logAlarms ?? []) this.logAlarm(prefix, props.stageName, logAlarm);
  }

  private logAlarm(
    prefix: string,
    stageName: string,
    { name, logGroup, message, description }: LogAlarm,
  ): void {
    const metricName = pascal(name);
    new MetricFilter(this, `${metricName}Filter`, {
      logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', message),
      metricNamespace: LOG_METRICS_NAMESPACE,
      metricName,
      metricValue: '1',
      dimensions: { stage: stageName },
    });
    const metric = new Metric({
      namespace: LOG_METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { stage: stageName },
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    this.alarm(metricName, `${prefix}-${name}`, { description, metric, threshold: 1 });
  }

  private alarm(
    id: string,
    alarmName: string,
    options: { description: string; metric: IMetric; threshold: number },
  ) {
    const alarm = new Alarm(this, id, {
      alarmName,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.props.topic));
    alarm.addOkAction(new SnsAction(this.props.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
