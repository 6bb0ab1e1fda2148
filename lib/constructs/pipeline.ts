import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
  type IStateMachine,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import { readDefinition, substitute } from '../../statemachines/load.js';
import { wildcardResourceFinding } from '../nag-findings.js';
import { AutoflowFunction, type FunctionDefaults } from './autoflow-function.js';
import type { Data } from './data.js';
import type { ProjectSecrets } from './project-secrets.js';

/** Props of the action pipeline: the action state machine and its three step functions. */
export interface PipelineProps {
  readonly functions: FunctionDefaults;
  readonly data: Data;
  readonly secrets: ProjectSecrets;
}

/** The action state machine (`statemachines/action.asl.json`): Evaluate → Execute → Record, one execution per action. */
export class Pipeline extends Construct {
  readonly evaluate: AutoflowFunction;
  readonly execute: AutoflowFunction;
  readonly record: AutoflowFunction;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /**
   * The machine's ARN, built from its fixed name rather than referenced: Record both runs inside
   * the machine and starts it, and a reference would make the template circular.
   */
  readonly stateMachineArn: string;
  private readonly startable: IStateMachine;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const { functions, data, secrets } = props;
    const { table } = data;
    const stateMachineName = `autoflow-${functions.stageName}-action`;
    this.stateMachineArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.startable = StateMachine.fromStateMachineArn(this, 'ActionStateMachineByName', this.stateMachineArn);

    this.evaluate = new AutoflowFunction(this, 'Evaluate', {
      ...functions,
      handler: 'action-evaluate',
      description: 'Action step: decides allow, deny or hold (kill switches, policy)',
      timeout: Duration.seconds(25), // the Task's TimeoutSeconds is 30
      environment: { [ENV.tableName]: table.tableName },
    });
    data.grantReadData(this.evaluate);

    this.execute = new AutoflowFunction(this, 'Execute', {
      ...functions,
      handler: 'action-execute',
      description: 'Action step: performs the effect against GitHub or Asana',
      timeout: Duration.seconds(55), // the Task's TimeoutSeconds is 60
      environment: { [ENV.secretPrefix]: secrets.prefix },
    });
    secrets.grantReadTokens(this.execute);

    this.record = new AutoflowFunction(this, 'Record', {
      ...functions,
      handler: 'action-record',
      description: 'Action step: applies the outcome to the task and starts follow-up actions',
      timeout: Duration.seconds(30),
      environment: { [ENV.tableName]: table.tableName, [ENV.actionStateMachineArn]: this.stateMachineArn },
    });
    data.grantReadWriteData(this.record);
    this.grantStartExecution(this.record.function);

    this.logGroup = new LogGroup(this, 'ActionStateMachineLogs', {
      retention: functions.logRetention,
      removalPolicy: functions.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'ActionStateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(
        substitute(readDefinition('action'), {
          EvaluateFunctionArn: this.evaluate.function.functionArn,
          ExecuteFunctionArn: this.execute.function.functionArn,
          RecordFunctionArn: this.record.function.functionArn,
        }),
      ),
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    for (const step of [this.evaluate, this.execute, this.record]) {
      step.function.grantInvoke(this.stateMachine);
      Validations.of(this.stateMachine).acknowledge({
        id: wildcardResourceFinding(this.stateMachine, `${step.function.functionArn}:*`),
        reason: `grantInvoke also allows the qualified ARNs (versions, aliases) of ${step.node.id}, and only of that function.`,
      });
    }
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only what Step Functions requires on "*": CloudWatch Logs delivery (logs:CreateLogDelivery and friends) and X-Ray (xray:PutTraceSegments and friends) support no resource-level permissions; test/infra asserts no other statement has Resource "*".',
    });
  }

  /** Lets a function start executions of the action machine (the worker, Record). */
  grantStartExecution(grantee: IGrantable): void {
    this.startable.grantStartExecution(grantee);
  }
}
