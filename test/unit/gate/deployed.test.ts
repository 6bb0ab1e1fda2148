import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { hasAwsCredentials, resolveReferences } from '../../../scripts/gate/deployed.js';
import type { CfnTemplate } from '../../../scripts/gate/template.js';

const cfn = mockClient(CloudFormationClient);
afterEach(() => cfn.reset());

const deployed: CfnTemplate = { Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: {} } } };
const baseline: CfnTemplate = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } } };
const readBaseline = (name: string) => (name === 'Staging-AutoFlow' ? baseline : undefined);

function missing(stackName: string): Error {
  return Object.assign(new Error(`Stack with id ${stackName} does not exist`), { name: 'ValidationError' });
}

describe('hasAwsCredentials', () => {
  it.each([
    [{ AWS_ACCESS_KEY_ID: 'AKIA…', AWS_SECRET_ACCESS_KEY: 'x' }, true],
    [{ AWS_PROFILE: 'deploy' }, true],
    [{ AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token' }, true],
    [{ AWS_ACCESS_KEY_ID: 'AKIA…' }, false],
    [{}, false],
  ])('%o → %s', (env, expected) => {
    expect(hasAwsCredentials(env)).toBe(expected);
  });
});

describe('resolveReferences', () => {
  it('compares with the deployed template when the stack exists', async () => {
    cfn
      .on(GetTemplateCommand, { StackName: 'Staging-AutoFlow', TemplateStage: 'Original' })
      .resolves({ TemplateBody: JSON.stringify(deployed) });

    const refs = await resolveReferences(['Staging-AutoFlow'], {
      readBaseline,
      client: new CloudFormationClient({ region: 'eu-west-1' }),
    });

    expect(refs.get('Staging-AutoFlow')).toEqual({ source: 'deployed', template: deployed });
  });

  it('falls back to the baseline, saying why, for a stack not deployed yet', async () => {
    cfn.on(GetTemplateCommand).rejects(missing('Staging-AutoFlow'));

    const refs = await resolveReferences(['Staging-AutoFlow'], {
      readBaseline,
      client: new CloudFormationClient({ region: 'eu-west-1' }),
    });

    expect(refs.get('Staging-AutoFlow')).toEqual({
      source: 'baseline',
      template: baseline,
      reason: 'not deployed in this account and region',
    });
  });

  it('fails on any other AWS error instead of comparing with something else', async () => {
    cfn.on(GetTemplateCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));

    await expect(
      resolveReferences(['Staging-AutoFlow'], {
        readBaseline,
        client: new CloudFormationClient({ region: 'eu-west-1' }),
      }),
    ).rejects.toThrow('denied');
  });

  it('uses the baseline without a client (no credentials) and never calls AWS', async () => {
    const refs = await resolveReferences(['Staging-AutoFlow', 'Prod-AutoFlow'], { readBaseline });

    expect(refs.get('Staging-AutoFlow')).toEqual({ source: 'baseline', template: baseline });
    expect(refs.get('Prod-AutoFlow')).toEqual({ source: 'baseline', template: undefined });
    expect(cfn.calls()).toHaveLength(0);
  });
});
