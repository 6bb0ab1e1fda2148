import { CfnResource } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_TABLE } from '../../lambdas/adapters/aws/schema.js';
import {
  actionsOfRole,
  flatten,
  logicalIdOf,
  removeOutputs,
  statementsOfRole,
  synthStage,
  type Statement,
  type SynthesizedStage,
} from './synth-stage.js';

const WRITE = /^(dynamodb:(Put|Update|Delete|BatchWrite)|kms:(Encrypt|GenerateDataKey))/;

let staging: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
});

afterAll(() => removeOutputs(staging, prod));

describe('Data', () => {
  it('keys the table and its index as MAIN_TABLE defines them', () => {
    const { byStatus } = MAIN_TABLE.indexes;

    staging.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: MAIN_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: MAIN_TABLE.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: byStatus.partitionKey, AttributeType: 'S' },
        { AttributeName: byStatus.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: byStatus.name,
          KeySchema: [
            { AttributeName: byStatus.partitionKey, KeyType: 'HASH' },
            { AttributeName: byStatus.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: MAIN_TABLE.ttlAttribute, Enabled: true },
    });
  });

  it('bills per request, keeps point-in-time recovery and encrypts with the data key', () => {
    staging.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(staging.stack.data.key), 'Arn'] },
      },
    });
  });

  it('rotates the data key and names it per stage', () => {
    staging.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    staging.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/autoflow/staging/data' });
    prod.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/autoflow/prod/data' });
  });

  it('retains table and key in Prod and protects the table from deletion', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    prod.template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('destroys table and key with the stack in Staging', () => {
    staging.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    staging.template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ PendingWindowInDays: 7 }),
    });
  });

  it('creates exactly one table and one key per stage', () => {
    const count = (scope: IConstruct, type: string) =>
      scope.node.findAll().filter((c) => c instanceof CfnResource && c.cfnResourceType === type).length;

    for (const { stack } of [staging, prod]) {
      expect([count(stack.data, 'AWS::DynamoDB::Table'), count(stack.data, 'AWS::KMS::Key')]).toEqual([1, 1]);
      // The rest of the stage's tables and keys belong to the alarm notifier, the audit log and token signing.
      const others = (type: string) =>
        count(stack.notifier, type) + count(stack.audit, type) + count(stack.signing, type);
      expect(count(stack, 'AWS::DynamoDB::Table') - others('AWS::DynamoDB::Table')).toBe(1);
      expect(count(stack, 'AWS::KMS::Key') - others('AWS::KMS::Key')).toBe(1);
    }
  });

  it('grants reads without writes, and writes to read-write grantees', () => {
    const { evaluate, record } = staging.stack.pipeline;

    // Evaluate's only writes are its audit appends (the audit table, and the data key via DynamoDB): see audit.test.ts.
    const auditAppend = (s: Statement) =>
      [s.Resource]
        .flat()
        .map(flatten)
        .some((r) => r.includes('AuditTable')) || JSON.stringify(s.Condition ?? {}).includes('dynamodb.');
    const reads = statementsOfRole(staging.template, logicalIdOf(evaluate.role))
      .filter((s) => !auditAppend(s))
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    const writes = actionsOfRole(staging.template, logicalIdOf(record.role));

    expect(reads).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    expect(reads.filter((a) => WRITE.test(a))).toEqual([]);
    expect(writes).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
  });
});
