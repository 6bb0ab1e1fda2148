import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretNames } from '../../lambdas/adapters/aws/secrets-manager-secrets.js';
import {
  flatten,
  functionsOf,
  logicalIdOf,
  statementsOfRole,
  removeOutputs,
  synthStage,
  type Statement,
  type SynthesizedStage,
} from './synth-stage.js';

const ARN = 'arn:<AWS::Partition>:secretsmanager:eu-west-1:111111111111:secret:';

let prod: SynthesizedStage;

function secretStatements(name: string): Statement[] {
  const fn = functionsOf(prod.stack)[name];
  if (!fn) throw new Error(`no function ${name}`);
  return statementsOfRole(prod.template, logicalIdOf(fn.role));
}

/** IAM's wildcard match, enough to check a pattern against a name. */
function matches(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}

beforeAll(() => {
  prod = synthStage('prod');
});

afterAll(() => removeOutputs(prod));

describe('ProjectSecrets', () => {
  it('names webhook and token secrets by the stage prefix the adapter uses', () => {
    const names = secretNames('autoflow/prod', 'p1');
    const webhooks = flatten(prod.stack.resolve(prod.stack.secrets.arnPattern('webhooks'))).replace(
      /<AWS::Partition>/,
      'aws',
    );
    const tokens = flatten(prod.stack.resolve(prod.stack.secrets.arnPattern('tokens'))).replace(
      /<AWS::Partition>/,
      'aws',
    );
    const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${name}-AbCdEf`;

    expect(matches(webhooks, arn(names.webhooks))).toBe(true);
    expect(matches(tokens, arn(names.tokens))).toBe(true);
    expect(matches(webhooks, arn(names.tokens))).toBe(false);
    expect(matches(tokens, arn(names.webhooks))).toBe(false);
    expect(matches(tokens, arn(secretNames('autoflow/staging', 'p1').tokens))).toBe(false);
  });

  it('gives receivers webhook secrets and the worker and Execute tokens, by ARN pattern', () => {
    const secretResources = (name: string) =>
      secretStatements(name)
        .filter((s) => JSON.stringify(s.Action).includes('secretsmanager:'))
        .map((s) => flatten(s.Resource));

    expect(secretResources('githubReceiver')).toEqual([`${ARN}autoflow/prod/projects/*/webhooks*`]);
    expect(secretResources('worker')).toEqual([`${ARN}autoflow/prod/projects/*/tokens*`]);
    expect(secretResources('execute')).toEqual([`${ARN}autoflow/prod/projects/*/tokens*`]);
    expect(secretResources('evaluate')).toEqual([]);
    expect(secretResources('record')).toEqual([]);
  });

  it('lets the Asana receiver create and update webhook secrets for the handshake', () => {
    const writes = secretStatements('asanaReceiver').filter((s) =>
      JSON.stringify(s.Action).includes('secretsmanager:Put'),
    );

    expect(writes).toEqual([
      expect.objectContaining({ Action: ['secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret'] }),
    ]);
    expect(flatten(writes[0]?.Resource)).toBe(`${ARN}autoflow/prod/projects/*/webhooks*`);
  });

  it('lets Execute use the data key only through Secrets Manager', () => {
    // Its other data-key use goes through DynamoDB (audit appends, used token ids), and it reads the
    // signing key's public key: see pipeline.test.ts and signing.test.ts.
    const kms = secretStatements('execute').filter(
      (s) =>
        JSON.stringify(s.Action).includes('kms:') &&
        JSON.stringify(s.Resource).includes('DataKey') &&
        !JSON.stringify(s.Condition ?? {}).includes('dynamodb.'),
    );

    expect(kms).toEqual([
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [logicalIdOf(prod.stack.data.key), 'Arn'] },
        Condition: {
          StringEquals: {
            'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] },
          },
        },
      },
    ]);
  });
});
