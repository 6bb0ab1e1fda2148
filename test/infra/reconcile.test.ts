import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, removeOutputs, synthStage, type SynthesizedStage } from './synth-stage.js';

let staging: SynthesizedStage;
beforeAll(() => {
  staging = synthStage('staging');
});
afterAll(() => removeOutputs(staging));

/** The policy statements attached to a function's role. */
function statementsOf(roleLogicalId: string): { Action: string | string[]; Resource: unknown }[] {
  const policies = staging.template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement,
  );
}
const actionsOf = (roleLogicalId: string) => statementsOf(roleLogicalId).flatMap((s) => [s.Action].flat());

describe('Reconcile', () => {
  it('builds the reconcile machine from the ASL file with its three steps bound', () => {
    const machines = staging.template.findResources('AWS::StepFunctions::StateMachine', {
      Properties: { StateMachineName: 'autoflow-staging-reconcile' },
    });
    const [machine] = Object.values(machines) as {
      Properties: { DefinitionString: unknown; TracingConfiguration: unknown };
    }[];
    const definition = JSON.stringify(machine!.Properties.DefinitionString);
    for (const step of [
      staging.stack.reconcile.findStuck,
      staging.stack.reconcile.repair,
      staging.stack.reconcile.summary,
    ]) {
      expect(definition).toContain(logicalIdOf(step.function));
    }
    expect(definition).toContain('ItemProcessor');
    expect(machine!.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('is started every 5 minutes by EventBridge Scheduler', () => {
    staging.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({
        Arn: { Ref: logicalIdOf(staging.stack.reconcile.stateMachine) },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
  });

  it('gives RepairWebhooks the receivers URL, tokens, and what the worker has: the table and action starts', () => {
    const actions = actionsOf(logicalIdOf(staging.stack.reconcile.repairWebhooks.role));
    expect(actions).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'states:StartExecution', 'dynamodb:PutItem']),
    );
    expect(actions).not.toContain('secretsmanager:PutSecretValue');
    staging.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ WEBHOOK_BASE_URL: Match.anyValue() }) },
    });
  });

  it('lets RepairWebhooks append integration health changes to the audit log, never update it', () => {
    const auditArn = { 'Fn::GetAtt': [logicalIdOf(staging.stack.audit.table), 'Arn'] };
    const onAudit = statementsOf(logicalIdOf(staging.stack.reconcile.repairWebhooks.role))
      .filter((s) => JSON.stringify(s.Resource).includes(JSON.stringify(auditArn)))
      .flatMap((s) => [s.Action].flat());
    expect(onAudit).toContain('dynamodb:PutItem');
    expect(onAudit).not.toContain('dynamodb:UpdateItem');
    expect(onAudit).not.toContain('dynamodb:DeleteItem');
    staging.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          WEBHOOK_BASE_URL: Match.anyValue(),
          AUDIT_TABLE_NAME: Match.anyValue(),
        }),
      },
    });
  });

  it('lets only Repair read integration tokens and start actions; Summary has no data access', () => {
    const repair = actionsOf(logicalIdOf(staging.stack.reconcile.repair.role));
    expect(repair).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'states:StartExecution']),
    );
    const findStuck = actionsOf(logicalIdOf(staging.stack.reconcile.findStuck.role));
    expect(findStuck).not.toContain('secretsmanager:GetSecretValue');
    expect(findStuck).not.toContain('states:StartExecution');
    const summary = actionsOf(logicalIdOf(staging.stack.reconcile.summary.role));
    expect(summary.some((a) => a.startsWith('dynamodb:') || a.startsWith('secretsmanager:'))).toBe(false);
  });
});
