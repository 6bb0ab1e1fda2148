import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { NOTIFIER_ENV } from '../../lambdas/config/notifier-env.js';
import { AutoflowFunction, type FunctionDefaults } from './autoflow-function.js';

/** Props of the alarm notifier. */
export interface NotifierProps {
  readonly functions: FunctionDefaults;
  /** Keep the key, topic and secret when the stack is deleted (Prod). */
  readonly retain: boolean;
  /** @default 15 */
  readonly cooldownMinutes?: number;
}

/**
 * Where alarms go: a KMS-encrypted SNS topic, and a function subscribed to it that posts each
 * state change to the Slack or Telegram webhook held in a secret, with dedupe and a cool-down.
 */
export class Notifier extends Construct {
  readonly key: Key;
  readonly topic: Topic;
  /** `{"kind":"slack","url":…}` or `{"kind":"telegram","botToken":…,"chatId":…}`; set by an operator (docs/deploy.md). */
  readonly webhookSecret: Secret;
  /** Last state seen and last message sent, per alarm. */
  readonly table: Table;
  readonly notifier: AutoflowFunction;

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id);
    const { stageName } = props.functions;
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new Key(this, 'Key', {
      description: `Auto-Flow ${stageName}: alarm topic and alert webhook secret`,
      alias: `alias/autoflow/${stageName}/alerts`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(props.retain ? 30 : 7),
      removalPolicy,
    });
    // CloudWatch publishes alarm actions to the encrypted topic with its own service identity.
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.topic = new Topic(this, 'Topic', {
      topicName: `autoflow-${stageName}-alarms`,
      displayName: `Auto-Flow ${stageName} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });

    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      secretName: `autoflow/${stageName}/alerts/webhook`,
      description: 'Alert webhook: {"kind":"slack","url":…} or {"kind":"telegram","botToken":…,"chatId":…}',
      encryptionKey: this.key,
      removalPolicy,
    });

    this.table = new Table(this, 'NotificationTable', {
      partitionKey: { name: 'alarmName', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      removalPolicy,
    });

    this.notifier = new AutoflowFunction(this, 'Function', {
      ...props.functions,
      handler: 'notifier',
      description: 'Posts alarm state changes to the alert webhook (dedupe, cool-down)',
      timeout: Duration.seconds(15),
      environment: {
        [NOTIFIER_ENV.tableName]: this.table.tableName,
        [NOTIFIER_ENV.secretArn]: this.webhookSecret.secretArn,
        [NOTIFIER_ENV.cooldownMinutes]: String(props.cooldownMinutes ?? 15),
      },
    });
    this.table.grantReadWriteData(this.notifier.function);
    this.webhookSecret.grantRead(this.notifier.function);
    this.topic.addSubscription(new LambdaSubscription(this.notifier.function));

    Validations.of(this.webhookSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A Slack or Telegram webhook cannot be rotated by a Lambda: the provider issues it. Rotation is a runbook step (docs/runbooks/secret-rotation.md).',
    });
    Validations.of(this.table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'The notification table holds only dedupe state per alarm name (TTL 30 days); restoring it is pointless, losing it costs at most one repeated message.',
    });
  }
}
