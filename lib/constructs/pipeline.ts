import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { StateMachine, type IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { USED_TOKEN_PARTITION_PREFIX } from '../../lambdas/adapters/aws/keys.js';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import type { Audit } from './audit.js';
import { AutoflowFunction, type FunctionDefaults } from './autoflow-function.js';
import { createStepMachine } from './step-machine.js';
import type { Data } from './data.js';
import type { ProjectSecrets } from './project-secrets.js';
import type { Signing } from './signing.js';

/** What Evaluate (and the API, which validates policy saves) needs beside its bundle: the Cedar wasm module and the shipped schema and default policies. */
export const CEDAR_FILES = [
  { from: 'node_modules/@cedar-policy/cedar-wasm/web/cedar_wasm_bg.wasm', to: 'cedar_wasm_bg.wasm' },
  { from: 'policies/schema.cedarschema', to: 'policies/schema.cedarschema' },
  { from: 'policies/default.cedar', to: 'policies/default.cedar' },
] as const;

/** Props of the action pipeline: the action state machine and its three step functions. */
export interface PipelineProps {
  readonly functions: FunctionDefaults;
  readonly data: Data;
  readonly secrets: ProjectSecrets;
  /** The append-only audit log every step writes to. */
  readonly audit: Audit;
  /** The capability-signing key: Authorize signs, Execute verifies. */
  readonly signing: Signing;
}

/**
 * The action state machine (`statemachines/action.asl.json`): Evaluate (Cedar PDP) → [approval wait] →
 * Authorize (KMS-signed capability) → Execute → Record, one execution per action.
 */
export class Pipeline extends Construct {
  readonly evaluate: AutoflowFunction;
  readonly approval: AutoflowFunction;
  readonly authorize: AutoflowFunction;
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
    const { functions, data, secrets, audit, signing } = props;
    const { table } = data;
    const stateMachineName = `autoflow-${functions.stageName}-action`;
    this.stateMachineArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.startable = StateMachine.fromStateMachineArn(this, 'ActionStateMachineByName', this.stateMachineArn);

    const auditEnv = { [ENV.tableName]: table.tableName, [ENV.auditTableName]: audit.table.tableName };

    this.evaluate = new AutoflowFunction(this, 'Evaluate', {
      ...functions,
      handler: 'action-evaluate',
      description:
        'Action step: asks the Cedar PDP (kill switches, policy set): allow, deny, hold or approve',
      timeout: Duration.seconds(25), // the Task's TimeoutSeconds is 30
      environment: auditEnv,
      bundleFiles: CEDAR_FILES,
    });
    data.grantReadData(this.evaluate);
    audit.grantAppend(this.evaluate);

    this.approval = new AutoflowFunction(this, 'Approval', {
      ...functions,
      handler: 'action-approval',
      description: 'Action step: stores an approval and its task token (RequestApproval, Escalate)',
      timeout: Duration.seconds(30),
      environment: auditEnv,
    });
    data.grantReadWriteData(this.approval);
    audit.grantAppend(this.approval);
    this.grantTaskResponse(this.approval.function);

    this.authorize = new AutoflowFunction(this, 'Authorize', {
      ...functions,
      handler: 'action-authorize',
      description: 'Action step: signs the capability token of one action (the only kms:Sign holder)',
      timeout: Duration.seconds(25), // the Task's TimeoutSeconds is 30
      environment: { ...auditEnv, [ENV.signingKeyId]: signing.alias.aliasName },
    });
    data.grantReadData(this.authorize);
    audit.grantAppend(this.authorize);
    signing.grantSign(this.authorize);

    this.execute = new AutoflowFunction(this, 'Execute', {
      ...functions,
      handler: 'action-execute',
      description:
        'Action step: verifies the capability token, then performs the effect against GitHub or Asana',
      timeout: Duration.seconds(55), // the Task's TimeoutSeconds is 60
      environment: {
        ...auditEnv,
        [ENV.secretPrefix]: secrets.prefix,
        [ENV.verifyingKeyArns]: signing.verifyingKeyArns.join(','),
      },
    });
    secrets.grantReadTokens(this.execute);
    audit.grantAppend(this.execute);
    signing.grantVerify(this.execute);
    // Single use of tokens: Execute may only Put items under JTI#… (no reads, no other items).
    Grant.addToPrincipal({
      grantee: this.execute.function,
      actions: ['dynamodb:PutItem'],
      resourceArns: [table.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${USED_TOKEN_PARTITION_PREFIX}*`] },
      },
    });
    Grant.addToPrincipal({
      grantee: this.execute.function,
      actions: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:Decrypt'],
      resourceArns: [data.key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.${Stack.of(this).urlSuffix}` },
      },
    });

    this.record = new AutoflowFunction(this, 'Record', {
      ...functions,
      handler: 'action-record',
      description: 'Action step: applies the outcome to the task and starts follow-up actions',
      timeout: Duration.seconds(30),
      environment: { ...auditEnv, [ENV.actionStateMachineArn]: this.stateMachineArn },
    });
    data.grantReadWriteData(this.record);
    audit.grantAppend(this.record);
    this.grantStartExecution(this.record.function);

    ({ stateMachine: this.stateMachine, logGroup: this.logGroup } = createStepMachine(this, {
      functions,
      asl: 'action',
      stateMachineName,
      ids: { machine: 'ActionStateMachine', logs: 'ActionStateMachineLogs' },
      steps: {
        EvaluateFunctionArn: this.evaluate,
        ApprovalFunctionArn: this.approval,
        AuthorizeFunctionArn: this.authorize,
        ExecuteFunctionArn: this.execute,
        RecordFunctionArn: this.record,
      },
    }));
  }

  /** Lets a function start executions of the action machine (the worker, Record). */
  grantStartExecution(grantee: IGrantable): void {
    this.startable.grantStartExecution(grantee);
  }

  /**
   * Lets a function answer approval waits (SendTaskSuccess / SendTaskFailure): the approval step, and
   * the API function that records people's decisions.
   */
  grantTaskResponse(grantee: IGrantable): void {
    // Not CDK's grantTaskResponse, which adds SendTaskHeartbeat: no Task of the machine has a heartbeat.
    Grant.addToPrincipal({
      grantee,
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
      resourceArns: [this.stateMachineArn],
    });
  }
}
