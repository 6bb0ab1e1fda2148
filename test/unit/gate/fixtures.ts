import type { CfnTemplate } from '../../../scripts/gate/template.js';

/** A small stack in template form: a table, a queue, a function role with a policy, an HTTP route. */
export function createTemplate(): CfnTemplate {
  return {
    Resources: {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          DeletionProtectionEnabled: true,
        },
        Metadata: { 'aws:cdk:path': 'Prod/AutoFlow/Data/MainTable/Resource' },
      },
      Queue: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Retain', Properties: {} },
      WorkerRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } },
            ],
          },
        },
      },
      WorkerPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'WorkerRole' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:Query'],
                Resource: { 'Fn::GetAtt': ['Table', 'Arn'] },
              },
              { Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: '*' },
            ],
          },
        },
      },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: { MemorySize: 512, Role: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] } },
      },
      Route: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'Api' },
          RouteKey: 'POST /webhooks/github/{projectId}',
          AuthorizationType: 'NONE',
        },
      },
      QueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'Queue' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Action: 'sqs:*',
                Principal: { AWS: '*' },
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
    },
  };
}

/** Applies a change to a copy of a template. */
export function changed(template: CfnTemplate, change: (t: CfnTemplate) => void): CfnTemplate {
  const copy = structuredClone(template);
  change(copy);
  return copy;
}
