import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_FORBIDDEN_ACTIONS } from '../../lib/constructs/audit.js';
import {
  flatten,
  logicalIdOf,
  removeOutputs,
  synthStage,
  type Statement,
  type SynthesizedStage,
} from './synth-stage.js';

let staging: SynthesizedStage;
let prod: SynthesizedStage;
beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
});
afterAll(() => removeOutputs(staging, prod));

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('Audit', () => {
  it('is its own table with the pk/sk of AUDIT_TABLE, encrypted with the data key, with point-in-time recovery', () => {
    staging.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      SSESpecification: {
        SSEEnabled: true,
        KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(staging.stack.data.key), 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      ResourcePolicy: {
        PolicyDocument: {
          Statement: [
            {
              Sid: 'AppendOnly',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: [...AUDIT_FORBIDDEN_ACTIONS],
              Resource: '*',
            },
          ],
        },
      },
    });
  });

  it('lets no role update or delete audit items (nor batch-write, which can delete)', () => {
    const table = `<${logicalIdOf(staging.stack.audit.table)}.Arn>`;
    const onAudit = Object.values(staging.template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) =>
        [s.Resource]
          .flat()
          .map(flatten)
          .some((r) => r.startsWith(table)),
      );

    expect(onAudit.length).toBeGreaterThan(0);
    expect(
      onAudit
        .flatMap(actionsOf)
        .filter((a) => /^dynamodb:(Update|Delete|BatchWrite|PartiQL|\*)/.test(a) || a === '*'),
    ).toEqual([]);
    expect(new Set(onAudit.flatMap(actionsOf))).toEqual(
      new Set(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem']),
    );
  });

  it('is retained and deletion-protected in Prod', () => {
    const audit = prod.template.findResources('AWS::DynamoDB::Table')[logicalIdOf(prod.stack.audit.table)];
    expect(audit?.DeletionPolicy).toBe('Retain');
    expect(audit?.Properties.DeletionProtectionEnabled).toBe(true);
  });
});
