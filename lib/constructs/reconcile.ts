import { Duration } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import { AutoflowFunction, type FunctionDefaults } from './autoflow-function.js';
import { createStepMachine } from './step-machine.js';
import type { Audit } from './audit.js';
import type { Data } from './data.js';
import type { Pipeline } from './pipeline.js';
import type { ProjectSecrets } from './project-secrets.js';

/** Props of the reconciler. */
export interface ReconcileProps {
  readonly functions: FunctionDefaults;
  readonly data: Data;
  readonly secrets: ProjectSecrets;
  readonly pipeline: Pipeline;
  /** The audit log: a project's integration health changing is recorded there. */
  readonly audit: Audit;
  /** The receivers' base URL (`…/webhooks`), whose deliveries the reconciler asks GitHub to redeliver. */
  readonly webhookBaseUrl: string;
  /** How often the reconciler runs. @default 5 minutes */
  readonly every?: Duration;
}

/**
 * The reconcile state machine (`statemachines/reconcile.asl.json`: FindStuck → Map(Repair) → Summary),
 * started by EventBridge Scheduler. A late or retried schedule is harmless: FindStuck takes a lease
 * per window, so the second run of a window ends at once.
 */
export class Reconcile extends Construct {
  readonly findStuck: AutoflowFunction;
  readonly repair: AutoflowFunction;
  readonly repairWebhooks: AutoflowFunction;
  readonly summary: AutoflowFunction;
  readonly stateMachine: StateMachine;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ReconcileProps) {
    super(scope, id);
    const { functions, data, secrets, pipeline } = props;
    const tableName = data.table.tableName;

    this.findStuck = new AutoflowFunction(this, 'FindStuck', {
      ...functions,
      handler: 'reconcile-find-stuck',
      description: 'Reconcile: takes the window lease and lists unfinished tasks through the status index',
      timeout: Duration.seconds(110), // the Task's TimeoutSeconds is 120
      environment: { [ENV.tableName]: tableName },
    });
    // Reads the status index; writes only its lease item.
    data.grantReadWriteData(this.findStuck);

    this.repair = new AutoflowFunction(this, 'Repair', {
      ...functions,
      handler: 'reconcile-repair',
      description: 'Reconcile: reads GitHub and Asana for one task and applies what webhooks missed',
      timeout: Duration.seconds(55), // the Task's TimeoutSeconds is 60
      environment: {
        [ENV.tableName]: tableName,
        [ENV.actionStateMachineArn]: pipeline.stateMachineArn,
        [ENV.secretPrefix]: secrets.prefix,
      },
    });
    data.grantReadWriteData(this.repair);
    secrets.grantReadTokens(this.repair);
    pipeline.grantStartExecution(this.repair.function);

    this.repairWebhooks = new AutoflowFunction(this, 'RepairWebhooks', {
      ...functions,
      handler: 'reconcile-webhooks',
      description:
        'Reconcile: integration health; GitHub redeliveries of lost webhooks; Asana backfill and webhook re-creation',
      timeout: Duration.seconds(110), // the Task's TimeoutSeconds is 120
      environment: {
        [ENV.tableName]: tableName,
        [ENV.actionStateMachineArn]: pipeline.stateMachineArn,
        [ENV.secretPrefix]: secrets.prefix,
        [ENV.webhookBaseUrl]: props.webhookBaseUrl,
        [ENV.auditTableName]: props.audit.table.tableName,
      },
    });
    // Backfilled tasks are created and their first action started, as the worker would; integration
    // health is recorded in the table and its changes appended to the audit log.
    data.grantReadWriteData(this.repairWebhooks);
    secrets.grantReadTokens(this.repairWebhooks);
    props.audit.grantAppend(this.repairWebhooks);
    pipeline.grantStartExecution(this.repairWebhooks.function);

    this.summary = new AutoflowFunction(this, 'Summary', {
      ...functions,
      handler: 'reconcile-summary',
      description: 'Reconcile: counts repairs and failures and logs the metric line',
      timeout: Duration.seconds(25),
      environment: {},
    });

    ({ stateMachine: this.stateMachine } = createStepMachine(this, {
      functions,
      asl: 'reconcile',
      stateMachineName: `autoflow-${functions.stageName}-reconcile`,
      ids: { machine: 'ReconcileStateMachine', logs: 'ReconcileStateMachineLogs' },
      steps: {
        FindStuckFunctionArn: this.findStuck,
        RepairWebhooksFunctionArn: this.repairWebhooks,
        RepairFunctionArn: this.repair,
        SummaryFunctionArn: this.summary,
      },
      timeout: Duration.minutes(30),
    }));

    this.schedule = new Schedule(this, 'Every5Minutes', {
      description: 'Starts the reconcile state machine (one run per window; a late run is harmless)',
      schedule: ScheduleExpression.rate(props.every ?? Duration.minutes(5)),
      target: new StepFunctionsStartExecution(this.stateMachine, {
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(5),
      }),
    });
  }
}
