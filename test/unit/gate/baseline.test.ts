import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../../scripts/gate/baseline.js';
import { checkStack } from '../../../scripts/gate/check.js';
import type { CfnStatement, CfnTemplate } from '../../../scripts/gate/template.js';
import { changed } from './fixtures.js';

const prod = readBaseline('Prod-AutoFlow');

function idOf(template: CfnTemplate, type: string, pathPart: string): string {
  const found = Object.entries(template.Resources ?? {}).find(
    ([, r]) => r.Type === type && String(r.Metadata?.['aws:cdk:path']).includes(pathPart),
  );
  if (!found) throw new Error(`no ${type} at ${pathPart}`);
  return found[0];
}

describe('the committed Prod baseline', () => {
  it('exists, with the stateful resources it protects', () => {
    expect(prod).toBeDefined();
    expect(idOf(prod!, 'AWS::DynamoDB::Table', '/Data/MainTable/')).toMatch(/^DataMainTable/);
  });

  it('catches a change of the main table key', () => {
    const table = idOf(prod!, 'AWS::DynamoDB::Table', '/Data/MainTable/');
    const current = changed(prod!, (t) => {
      t.Resources![table]!.Properties!.KeySchema = [{ AttributeName: 'id', KeyType: 'HASH' }];
    });

    const findings = checkStack('Prod-AutoFlow', prod!, current).findings;

    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => `${f.rule} ${f.logicalId}`))).toEqual(
      new Set([`stateful-replacement ${table}`]),
    );
  });

  it('catches the evaluate role gaining table writes', () => {
    const policy = idOf(prod!, 'AWS::IAM::Policy', '/Pipeline/Evaluate/');
    const current = changed(prod!, (t) => {
      const document = t.Resources![policy]!.Properties!.PolicyDocument as { Statement: CfnStatement[] };
      document.Statement.push({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' });
    });

    const findings = checkStack('Prod-AutoFlow', prod!, current).findings;

    expect(findings.map((f) => `${f.rule} ${f.path}`)).toEqual([
      expect.stringMatching(/^iam-widening Prod\/AutoFlow\/Pipeline\/Evaluate\/Role/),
    ]);
  });

  it('passes a memory size change of a function', () => {
    const fn = idOf(prod!, 'AWS::Lambda::Function', '/Ingest/Worker/');
    const current = changed(prod!, (t) => (t.Resources![fn]!.Properties!.MemorySize = 2048));

    expect(checkStack('Prod-AutoFlow', prod!, current).findings).toEqual([]);
  });
});
