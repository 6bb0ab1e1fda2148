import { describe, expect, it } from 'vitest';
import { checkStack } from '../../../scripts/gate/check.js';
import { formatReport } from '../../../scripts/gate/report.js';
import type { CfnStatement, CfnTemplate } from '../../../scripts/gate/template.js';
import { changed, createTemplate } from './fixtures.js';

type Props = Record<string, unknown>;
const props = (t: CfnTemplate, id: string): Props => t.Resources![id]!.Properties!;
const statements = (t: CfnTemplate): CfnStatement[] =>
  (props(t, 'WorkerPolicy').PolicyDocument as { Statement: CfnStatement[] }).Statement;

const rulesOf = (baseline: CfnTemplate, current: CfnTemplate) =>
  checkStack('Prod-AutoFlow', baseline, current).findings.map((f) => `${f.rule} ${f.logicalId}`);

describe('checkStack', () => {
  it('passes an identical template', () => {
    const template = createTemplate();

    expect(rulesOf(template, createTemplate())).toEqual([]);
  });

  it('passes a benign change such as a function memory size', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => (props(t, 'Worker').MemorySize = 1024));

    const verdict = checkStack('Prod-AutoFlow', baseline, current);

    expect(verdict.findings).toEqual([]);
    expect(verdict.changes.modified).toEqual(['Worker']);
  });

  it('fails when the table key changes, naming the construct and the property', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      props(t, 'Table').KeySchema = [{ AttributeName: 'id', KeyType: 'HASH' }];
    });

    const [finding, ...rest] = checkStack('Prod-AutoFlow', baseline, current).findings;

    expect(rest.map((f) => f.rule)).toEqual(['stateful-replacement']); // sk's definition no longer keys it
    expect(finding).toMatchObject({
      rule: 'stateful-replacement',
      logicalId: 'Table',
      path: 'Prod/AutoFlow/Data/MainTable/Resource',
    });
    expect(finding?.detail).toMatch(/KeySchema changes/);
  });

  it('fails when a key attribute changes type', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      props(t, 'Table').AttributeDefinitions = [
        { AttributeName: 'pk', AttributeType: 'N' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ];
    });

    expect(rulesOf(baseline, current)).toEqual(['stateful-replacement Table']);
  });

  it('fails when a stateful resource disappears or changes its logical id', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      t.Resources!.QueueRenamed = t.Resources!.Queue!;
      delete t.Resources!.Queue;
    });

    expect(rulesOf(baseline, current)).toContain('stateful-deletion Queue');
  });

  it('fails when a queue becomes FIFO', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => (props(t, 'Queue').FifoQueue = true));

    expect(rulesOf(baseline, current)).toEqual(['stateful-replacement Queue']);
  });

  it('fails when retention or deletion protection is dropped', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      t.Resources!.Table!.DeletionPolicy = 'Delete';
      props(t, 'Table').DeletionProtectionEnabled = false;
    });

    expect(rulesOf(baseline, current)).toEqual(['retention-weakened Table', 'retention-weakened Table']);
  });

  it('fails when an existing role gains an action', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) =>
      statements(t).push({
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: { 'Fn::GetAtt': ['Table', 'Arn'] },
      }),
    );

    const findings = checkStack('Prod-AutoFlow', baseline, current).findings;

    expect(findings.map((f) => `${f.rule} ${f.logicalId}`)).toEqual(['iam-widening WorkerRole']);
    expect(findings[0]?.detail).toContain('dynamodb:PutItem on <Table.Arn>');
  });

  it('fails when a role is widened to a wildcard resource', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      statements(t)[0]!.Resource = '*';
    });

    expect(rulesOf(baseline, current)).toEqual(['iam-widening WorkerRole']);
  });

  it('fails when a new role holds a wildcard action, and passes a new narrow role', () => {
    const baseline = createTemplate();
    const withRole = (action: string) =>
      changed(baseline, (t) => {
        t.Resources!.NewRole = {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Statement: [] } },
        };
        t.Resources!.NewPolicy = {
          Type: 'AWS::IAM::Policy',
          Properties: {
            Roles: [{ Ref: 'NewRole' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: action, Resource: { Ref: 'Queue' } }] },
          },
        };
      });

    expect(rulesOf(baseline, withRole('sqs:*'))).toEqual(['iam-widening NewRole']);
    expect(rulesOf(baseline, withRole('sqs:SendMessage'))).toEqual([]);
  });

  it('fails when a role trusts a new principal', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      const trust = props(t, 'WorkerRole').AssumeRolePolicyDocument as { Statement: CfnStatement[] };
      trust.Statement.push({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: 'arn:aws:iam::999999999999:root' },
      });
    });

    expect(rulesOf(baseline, current)).toEqual(['iam-widening WorkerRole']);
  });

  it('fails when a queue policy admits everyone', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      const policy = props(t, 'QueuePolicy').PolicyDocument as { Statement: CfnStatement[] };
      policy.Statement.push({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: '*' });
    });

    expect(rulesOf(baseline, current)).toEqual(['public-exposure QueuePolicy']);
  });

  it('fails on a new unauthenticated route, and passes the routes the baseline already has', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => {
      t.Resources!.AdminRoute = {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'POST /admin' },
      };
    });

    expect(rulesOf(baseline, current)).toEqual(['public-exposure AdminRoute']);
  });

  it('fails on a bucket that stops blocking public access', () => {
    const block = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    const baseline = changed(createTemplate(), (t) => {
      t.Resources!.Bucket = {
        Type: 'AWS::S3::Bucket',
        Properties: { PublicAccessBlockConfiguration: block },
      };
    });
    const current = changed(baseline, (t) => {
      props(t, 'Bucket').PublicAccessBlockConfiguration = { ...block, BlockPublicPolicy: false };
    });

    expect(rulesOf(baseline, current)).toEqual(['public-exposure Bucket']);
  });
});

describe('formatReport', () => {
  it('names the rule, the resource, its path and the way to accept', () => {
    const baseline = createTemplate();
    const current = changed(baseline, (t) => (props(t, 'Table').TableName = 'renamed'));

    const report = formatReport([checkStack('Prod-AutoFlow', baseline, current)]);

    expect(report).toContain('REPLACES STATEFUL RESOURCE  Table (AWS::DynamoDB::Table)');
    expect(report).toContain('at Prod/AutoFlow/Data/MainTable/Resource');
    expect(report).toContain('npm run gate -- --accept');
  });

  it('says passed when nothing was found', () => {
    expect(formatReport([checkStack('Staging-AutoFlow', createTemplate(), createTemplate())])).toMatch(
      /gate: passed$/,
    );
  });
});
