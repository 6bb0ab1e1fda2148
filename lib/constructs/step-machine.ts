import { RemovalPolicy, Validations, type Duration } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { readDefinition, substitute, type StateMachineName } from '../../statemachines/load.js';
import { wildcardResourceFinding } from '../nag-findings.js';
import type { AutoflowFunction, FunctionDefaults } from './autoflow-function.js';

/** What a Standard state machine built from a shipped ASL file needs. */
export interface StepMachineProps {
  readonly functions: FunctionDefaults;
  /** The ASL file (`statemachines/<asl>.asl.json`). */
  readonly asl: StateMachineName;
  readonly stateMachineName: string;
  /** Construct ids (kept stable: they name the logical ids). */
  readonly ids: { readonly machine: string; readonly logs: string };
  /** The function behind each `${Placeholder}` ARN of the file. */
  readonly steps: Readonly<Record<string, AutoflowFunction>>;
  readonly timeout?: Duration;
}

/**
 * Builds a Standard state machine from its ASL file with every Task bound to its function: logging
 * (ALL, own log group), X-Ray, and an explicit invoke grant per step, each nag finding acknowledged.
 */
export function createStepMachine(
  scope: Construct,
  props: StepMachineProps,
): { stateMachine: StateMachine; logGroup: LogGroup } {
  const { functions } = props;
  const logGroup = new LogGroup(scope, props.ids.logs, {
    retention: functions.logRetention,
    removalPolicy: functions.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const arns = Object.fromEntries(
    Object.entries(props.steps).map(([placeholder, step]) => [placeholder, step.function.functionArn]),
  );
  const stateMachine = new StateMachine(scope, props.ids.machine, {
    stateMachineName: props.stateMachineName,
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromString(substitute(readDefinition(props.asl), arns)),
    logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
    tracingEnabled: true,
    ...(props.timeout ? { timeout: props.timeout } : {}),
  });
  for (const step of new Set(Object.values(props.steps))) {
    step.function.grantInvoke(stateMachine);
    Validations.of(stateMachine).acknowledge({
      id: wildcardResourceFinding(stateMachine, `${step.function.functionArn}:*`),
      reason: `grantInvoke also allows the qualified ARNs (versions, aliases) of ${step.node.id}, and only of that function.`,
    });
  }
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Only what Step Functions requires on "*": CloudWatch Logs delivery (logs:CreateLogDelivery and friends) and X-Ray (xray:PutTraceSegments and friends) support no resource-level permissions; test/infra asserts no other statement has Resource "*".',
  });
  return { stateMachine, logGroup };
}
