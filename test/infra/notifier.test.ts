import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFIER_ENV } from '../../lambdas/config/notifier-env.js';
import {
  actionsOfRole,
  logicalIdOf,
  removeOutputs,
  statementsOfRole,
  synthStage,
  type SynthesizedStage,
} from './synth-stage.js';

let staging: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
});

afterAll(() => removeOutputs(staging, prod));

describe('Notifier', () => {
  it('encrypts the alarm topic with its own rotating key and refuses plain HTTP', () => {
    const { key, topic } = staging.stack.notifier;

    staging.template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'autoflow-staging-alarms',
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] },
    });
    staging.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('alarm topic'),
    });
    staging.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalIdOf(topic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets CloudWatch publish to the encrypted topic', () => {
    const keyPolicy = staging.template.findResources('AWS::KMS::Key')[logicalIdOf(staging.stack.notifier.key)]
      ?.Properties.KeyPolicy.Statement as { Principal?: { Service?: string }; Action: string[] }[];

    expect(keyPolicy.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com')?.Action).toEqual(
      expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
    );
  });

  it('subscribes the notifier function to the topic', () => {
    const { topic, notifier } = staging.stack.notifier;

    staging.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalIdOf(topic) },
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(notifier.function), 'Arn'] },
    });
  });

  it('tells the function its table, its webhook secret and the cool-down', () => {
    const { table, webhookSecret, notifier } = staging.stack.notifier;

    staging.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          [NOTIFIER_ENV.tableName]: { Ref: logicalIdOf(table) },
          [NOTIFIER_ENV.secretArn]: { Ref: logicalIdOf(webhookSecret) },
          [NOTIFIER_ENV.cooldownMinutes]: '15',
        }),
      },
      Role: { 'Fn::GetAtt': [logicalIdOf(notifier.role), 'Arn'] },
    });
  });

  it('names the webhook secret per stage and retains it in Prod', () => {
    staging.template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Name: 'autoflow/staging/alerts/webhook' }),
    });
    prod.template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Name: 'autoflow/prod/alerts/webhook' }),
    });
  });

  it('may read its secret and its own table, and nothing of the main table or project secrets', () => {
    const { notifier, table, webhookSecret } = staging.stack.notifier;
    const statements = statementsOfRole(staging.template, logicalIdOf(notifier.role));
    const text = JSON.stringify(statements);

    expect(actionsOfRole(staging.template, logicalIdOf(notifier.role))).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:GetItem', 'dynamodb:PutItem']),
    );
    expect(text).toContain(logicalIdOf(table));
    expect(text).toContain(logicalIdOf(webhookSecret));
    expect(text).not.toContain(logicalIdOf(staging.stack.data.table));
    expect(text).not.toContain('/projects/');
  });
});
