import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageName } from '../stage-config.js';
import type { AutoflowFunction } from './autoflow-function.js';

/** Props of the stage's dashboard. */
export interface OpsDashboardProps {
  readonly stageName: StageName;
  readonly api: IHttpApi;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly functions: readonly AutoflowFunction[];
  readonly stateMachines: readonly IStateMachine[];
  readonly signatureMetrics: readonly IMetric[];
  readonly alarms: readonly IAlarm[];
}

const PERIOD = Duration.minutes(5);

/** One CloudWatch dashboard per stage: alarms, webhooks in, queue, functions, state machines. */
export class OpsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], right: IMetric[] = []): IWidget =>
      new GraphWidget({ title, left, right, width: 12, height: 6 });
    const perFunction = (metric: (fn: AutoflowFunction) => IMetric) => props.functions.map(metric);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `autoflow-${props.stageName}`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      graph(
        'Webhooks: requests and errors',
        [props.api.metricCount({ period: PERIOD })],
        [props.api.metricClientError({ period: PERIOD }), props.api.metricServerError({ period: PERIOD })],
      ),
      graph('Webhooks: rejected signatures', [...props.signatureMetrics]),
    );
    this.dashboard.addWidgets(
      graph(
        'Ingest queue: depth and age of oldest (s)',
        [props.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' })],
        [props.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' })],
      ),
      graph('Dead-letter queue: depth', [
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Functions: errors and throttles',
        perFunction((fn) => fn.function.metricErrors({ period: PERIOD, label: `${fn.handler} errors` })),
        perFunction((fn) =>
          fn.function.metricThrottles({ period: PERIOD, label: `${fn.handler} throttles` }),
        ),
      ),
      graph(
        'Functions: duration p95 (ms)',
        perFunction((fn) =>
          fn.function.metricDuration({ period: PERIOD, statistic: 'p95', label: `${fn.handler}` }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      ...props.stateMachines.map((machine) =>
        graph(
          `State machine ${machine.node.id}: executions`,
          [machine.metricStarted({ period: PERIOD }), machine.metricSucceeded({ period: PERIOD })],
          [
            machine.metricFailed({ period: PERIOD }),
            machine.metricTimedOut({ period: PERIOD }),
            machine.metricAborted({ period: PERIOD }),
          ],
        ),
      ),
    );
  }
}
