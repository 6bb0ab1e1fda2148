import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV, INGEST_QUEUE } from '../../lambdas/adapters/aws/schema.js';
import { AutoflowFunction, type FunctionDefaults } from './autoflow-function.js';
import { acknowledgeDataKeyWildcards, type Data } from './data.js';
import type { ProjectSecrets } from './project-secrets.js';

/** Props of the ingest path: webhook API, receivers, queue and worker. */
export interface IngestProps {
  readonly functions: FunctionDefaults;
  /** The main table, and the data key that also encrypts both queues. */
  readonly data: Data;
  readonly secrets: ProjectSecrets;
  /** The action state machine the worker starts; granted by the pipeline. */
  readonly actionStateMachineArn: string;
  /** Retain the queues on stack deletion (Prod): they may hold undelivered events. */
  readonly retain: boolean;
  /** Request limits of the webhook API's default stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

// HTTP API access-log fields; headers are left out on purpose (they carry webhook signatures).
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integration.latency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** Webhooks in, events queued: HTTP API → receivers → SQS (+ DLQ) → worker. */
export class Ingest extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly githubReceiver: AutoflowFunction;
  readonly asanaReceiver: AutoflowFunction;
  readonly worker: AutoflowFunction;
  readonly api: HttpApi;
  /** `https://…/webhooks`; projects register `{base}/github/{projectId}` and `{base}/asana/{projectId}`. */
  readonly webhookBaseUrl: string;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Construct ids of both queues are pinned by test/infra/stages.test.ts: changing them replaces the queue.
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.data.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(INGEST_QUEUE.dlqRetentionDays),
      removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.data.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(INGEST_QUEUE.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(INGEST_QUEUE.retentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: INGEST_QUEUE.maxReceiveCount },
      removalPolicy,
    });

    const receiverEnv = {
      [ENV.tableName]: props.data.table.tableName,
      [ENV.queueUrl]: this.queue.queueUrl,
      [ENV.secretPrefix]: props.secrets.prefix,
    };
    this.githubReceiver = this.receiver('GithubReceiver', 'github-receiver', 'GitHub', receiverEnv, props);
    this.asanaReceiver = this.receiver('AsanaReceiver', 'asana-receiver', 'Asana', receiverEnv, props);
    props.secrets.grantWriteWebhookSecrets(this.asanaReceiver);

    this.worker = new AutoflowFunction(this, 'Worker', {
      ...props.functions,
      handler: 'worker',
      description: 'Applies queued deliveries to tasks and starts the resulting actions',
      // Half the visibility timeout: a batch must finish well before its messages become visible again.
      timeout: Duration.seconds(INGEST_QUEUE.visibilityTimeoutSeconds / 2),
      environment: {
        [ENV.tableName]: props.data.table.tableName,
        [ENV.actionStateMachineArn]: props.actionStateMachineArn,
        [ENV.secretPrefix]: props.secrets.prefix,
        [ENV.queueUrl]: this.queue.queueUrl,
      },
    });
    props.data.grantReadWriteData(this.worker);
    // A rate-limited delivery goes back on the queue, delayed, instead of spending a receive.
    this.queue.grantSendMessages(this.worker.function);
    // Asana events are skinny: the worker reads the task's current fields with the project's token.
    props.secrets.grantReadTokens(this.worker);
    this.worker.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: INGEST_QUEUE.maxBatchSize,
        reportBatchItemFailures: true,
        maxConcurrency: INGEST_QUEUE.maxConcurrency,
      }),
    );

    this.api = this.webhookApi(props);
    this.webhookBaseUrl = `${this.api.apiEndpoint}/webhooks`;
  }

  private receiver(
    id: string,
    handler: 'github-receiver' | 'asana-receiver',
    provider: string,
    environment: Record<string, string>,
    props: IngestProps,
  ): AutoflowFunction {
    const receiver = new AutoflowFunction(this, id, {
      ...props.functions,
      handler,
      description: `Verifies, normalises and enqueues ${provider} webhooks`,
      // GitHub abandons a delivery after 10 s; a receiver only verifies, records and enqueues.
      timeout: Duration.seconds(10),
      environment,
    });
    // Read/write: receivers record deliveries (dedupe) and open or consume Asana handshakes.
    props.data.grantReadWriteData(receiver);
    this.queue.grantSendMessages(receiver.function);
    acknowledgeDataKeyWildcards(receiver);
    props.secrets.grantReadWebhookSecrets(receiver);
    return receiver;
  }

  private webhookApi(props: IngestProps): HttpApi {
    const api = new HttpApi(this, 'WebhookApi', {
      apiName: `autoflow-${props.functions.stageName}-webhooks`,
      description: 'Auto-Flow webhook receivers (GitHub, Asana) and the console API (/api, see ConsoleApi)',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'WebhookApiAccessLogs', {
      retention: props.functions.logRetention,
      removalPolicy: props.functions.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'WebhookApiDefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    const routes = [
      ...api.addRoutes({
        path: '/webhooks/github/{projectId}',
        methods: [HttpMethod.POST],
        integration: new HttpLambdaIntegration('GithubReceiverIntegration', this.githubReceiver.function),
      }),
      ...api.addRoutes({
        path: '/webhooks/asana/{projectId}',
        methods: [HttpMethod.POST],
        integration: new HttpLambdaIntegration('AsanaReceiverIntegration', this.asanaReceiver.function),
      }),
    ];
    // On the routes rather than the API: the console API's routes carry their own reason.
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Webhook senders cannot present AWS or JWT credentials; each receiver authenticates every request itself by HMAC over the raw body (GitHub X-Hub-Signature-256, Asana X-Hook-Signature) against the per-project secret, and the Asana handshake is accepted only while a handshake opened by an operator is pending.',
      });
    }
    return api;
  }
}
