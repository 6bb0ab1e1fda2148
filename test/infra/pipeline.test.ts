import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import { listPlaceholders, readDefinition } from '../../statemachines/load.js';
import {
  actionsOfRole,
  flatten,
  logicalIdOf,
  statementsWithAction,
  removeOutputs,
  synthStage,
  type SynthesizedStage,
} from './synth-stage.js';

interface TaskState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Parameters?: { FunctionName?: string };
}

const MACHINE_ARN = 'arn:<AWS::Partition>:states:eu-west-1:111111111111:stateMachine:autoflow-staging-action';

let staging: SynthesizedStage;
let machineId: string;
let states: Record<string, TaskState>;
let fnArn: { evaluate: string; approval: string; authorize: string; execute: string; record: string };

beforeAll(() => {
  staging = synthStage('staging');
  const { pipeline } = staging.stack;
  machineId = logicalIdOf(pipeline.stateMachine);
  const machine = staging.template.findResources('AWS::StepFunctions::StateMachine')[machineId];
  states = (
    JSON.parse(flatten(machine?.Properties.DefinitionString)) as { States: Record<string, TaskState> }
  ).States;
  const arnOf = (fn: typeof pipeline.evaluate) => `<${logicalIdOf(fn.function)}.Arn>`;
  fnArn = {
    evaluate: arnOf(pipeline.evaluate),
    approval: arnOf(pipeline.approval),
    authorize: arnOf(pipeline.authorize),
    execute: arnOf(pipeline.execute),
    record: arnOf(pipeline.record),
  };
});

afterAll(() => removeOutputs(staging));

describe('Pipeline', () => {
  describe('action state machine', () => {
    it('is a Standard machine named per stage', () => {
      staging.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineType: 'STANDARD',
        StateMachineName: 'autoflow-staging-action',
      });
    });

    it('binds each Task state to its step function', () => {
      const resources = Object.fromEntries(
        Object.entries(states)
          .filter(([, state]) => state.Type === 'Task')
          .map(([name, state]) => [name, flatten(state.Parameters?.FunctionName ?? state.Resource)]),
      );

      expect(resources).toEqual({
        Evaluate: fnArn.evaluate,
        RequestApproval: fnArn.approval,
        Escalate: fnArn.approval,
        Authorize: fnArn.authorize,
        Execute: fnArn.execute,
        RecordSuccess: fnArn.record,
        RecordDenied: fnArn.record,
        RecordHeld: fnArn.record,
        RecordHeldLate: fnArn.record,
        RecordRejected: fnArn.record,
        RecordExpired: fnArn.record,
        RecordFailure: fnArn.record,
      });
    });

    it('waits for approvals through the task-token integration, with a timeout on each wait', () => {
      for (const name of ['RequestApproval', 'Escalate']) {
        expect(states[name]).toMatchObject({
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          TimeoutSeconds: 86400,
        });
      }
    });

    it('ships the ASL file unchanged apart from its placeholders', () => {
      const shipped = JSON.parse(readDefinition('action')) as { States: Record<string, TaskState> };

      expect(Object.keys(states)).toEqual(Object.keys(shipped.States));
      expect(listPlaceholders(JSON.stringify(states))).toEqual([]);
    });

    it('logs every execution with its data to a retained-for-the-stage log group, and traces it', () => {
      const logs = logicalIdOf(staging.stack.pipeline.logGroup);

      staging.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: true,
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logs, 'Arn'] } } }],
        },
        TracingConfiguration: { Enabled: true },
      });
      expect(staging.template.findResources('AWS::Logs::LogGroup')[logs]?.Properties.RetentionInDays).toBe(
        30,
      );
    });

    it('may invoke exactly the five step functions', () => {
      const role = logicalIdOf(staging.stack.pipeline.stateMachine.role);
      const invoked = statementsWithAction(staging.template, role, 'lambda:')
        .flatMap((s) => s.Resource as unknown[])
        .map(flatten);

      expect(invoked.sort()).toEqual(
        Object.values(fnArn)
          .flatMap((arn) => [arn, `${arn}:*`])
          .sort(),
      );
      expect(new Set(actionsOfRole(staging.template, role).filter((a) => a.startsWith('lambda:')))).toEqual(
        new Set(['lambda:InvokeFunction']),
      );
    });
  });

  describe('step functions', () => {
    it('Evaluate reads the table and only appends to the audit log', () => {
      const role = logicalIdOf(staging.stack.pipeline.evaluate.role);
      const writes = statementsWithAction(staging.template, role, 'dynamodb:').filter((s) =>
        (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) =>
          /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a),
        ),
      );

      expect(writes.map((s) => flatten(s.Resource))).toEqual([
        `<${logicalIdOf(staging.stack.audit.table)}.Arn>`,
      ]);
      expect(
        actionsOfRole(staging.template, role).filter((a) => /^(secretsmanager|states|sqs|kms:Sign)/.test(a)),
      ).toEqual([]);
    });

    it('Execute reads integration tokens; its only main-table access is putting used token ids', () => {
      const role = logicalIdOf(staging.stack.pipeline.execute.role);
      const table = `<${logicalIdOf(staging.stack.data.table)}.Arn>`;
      const onTable = statementsWithAction(staging.template, role, 'dynamodb:').filter(
        (s) => flatten(s.Resource) === table,
      );

      expect(onTable.map((s) => [s.Action, s.Condition])).toEqual([
        ['dynamodb:PutItem', { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JTI#*'] } }],
      ]);
      expect(
        statementsWithAction(staging.template, role, 'secretsmanager:').map((s) => flatten(s.Resource)),
      ).toEqual([
        'arn:<AWS::Partition>:secretsmanager:eu-west-1:111111111111:secret:autoflow/staging/projects/*/tokens*',
      ]);
    });

    it('Record writes the table and starts follow-up actions on this machine only', () => {
      const role = logicalIdOf(staging.stack.pipeline.record.role);
      const starts = statementsWithAction(staging.template, role, 'states:');

      expect(actionsOfRole(staging.template, role)).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']),
      );
      expect(starts.map((s) => [s.Action, flatten(s.Resource)])).toEqual([
        ['states:StartExecution', MACHINE_ARN],
      ]);
    });

    it('Record and the worker are told the ARN the machine really gets', () => {
      const functions = staging.template.findResources('AWS::Lambda::Function');
      const { pipeline, ingest } = staging.stack;

      for (const fn of [pipeline.record, ingest.worker]) {
        expect(
          flatten(
            functions[logicalIdOf(fn.function)]?.Properties.Environment.Variables[ENV.actionStateMachineArn],
          ),
        ).toBe(MACHINE_ARN);
      }
      staging.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: MACHINE_ARN.split(':').pop(),
      });
    });

    it.each([
      ['evaluate', 'Evaluate'],
      ['execute', 'Execute'],
    ] as const)('%s times out before its Task state does', (name, state) => {
      const fn =
        staging.template.findResources('AWS::Lambda::Function')[
          logicalIdOf(staging.stack.pipeline[name].function)
        ];

      expect(fn?.Properties.Timeout).toBeLessThan(states[state]?.TimeoutSeconds ?? 0);
    });
  });
});
