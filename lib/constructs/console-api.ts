import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpMethod, PayloadFormatVersion, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../lambdas/adapters/aws/schema.js';
import { API_ENV } from '../../lambdas/config/api-env.js';
import type { Audit } from './audit.js';
import { AutoflowFunction, type FunctionDefaults } from './autoflow-function.js';
import type { Data } from './data.js';
import { CEDAR_FILES, type Pipeline } from './pipeline.js';
import type { ProjectSecrets } from './project-secrets.js';

/** Props of the console API. */
export interface ConsoleApiProps {
  readonly functions: FunctionDefaults;
  readonly data: Data;
  readonly audit: Audit;
  readonly secrets: ProjectSecrets;
  /** The action machine: task commands start actions, approval decisions answer its waits. */
  readonly pipeline: Pipeline;
  /** The HTTP API (owned by Ingest) that gets the `/api` routes; CloudFront forwards `/api/*` to it. */
  readonly api: HttpApi;
  /** The console's public URL (`https://…`, no trailing slash): the origin CSRF checks accept. */
  readonly publicUrl: string;
  /** Keep the first-admin token secret with the stack deleted (Prod, where the users it bootstraps stay). */
  readonly retain: boolean;
  /** The ingest queue and its DLQ: instance admins inspect dead letters and redrive them. */
  readonly queues: { readonly queue: IQueue; readonly deadLetterQueue: IQueue };
}

/**
 * The console's JSON API (`lambdas/handlers/api.ts`, a Hono app) behind `ANY /api` and
 * `ANY /api/{proxy+}`, and the generated one-time token that creates the first admin.
 */
export class ConsoleApi extends Construct {
  readonly api: AutoflowFunction;
  /** The first-admin token, read by whoever sets up the console (stack output `InitAdminTokenSecretArn`). */
  readonly initAdminToken: Secret;

  constructor(scope: Construct, id: string, props: ConsoleApiProps) {
    super(scope, id);
    const { functions, data, audit, secrets, pipeline } = props;

    // Construct id 'InitAdminToken' is pinned by test/infra/stages.test.ts: changing it makes a new token.
    this.initAdminToken = new Secret(this, 'InitAdminToken', {
      description: `Auto-Flow ${functions.stageName}: one-time token that creates the first console admin`,
      encryptionKey: data.key,
      generateSecretString: { passwordLength: 40, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.api = new AutoflowFunction(this, 'Api', {
      ...functions,
      handler: 'api',
      description: 'Console API: sessions, projects, tasks, approvals, policies, audit, webhook health',
      // API Gateway ends an integration after 30 s. CPU grows with memory: scrypt sign-ins and the cold start are CPU-bound.
      timeout: Duration.seconds(29),
      memorySize: 1024,
      // /api/v1 validates policy saves with Cedar and serves the shipped default set.
      bundleFiles: CEDAR_FILES,
      environment: {
        [ENV.tableName]: data.table.tableName,
        [ENV.auditTableName]: audit.table.tableName,
        [ENV.actionStateMachineArn]: pipeline.stateMachineArn,
        [ENV.secretPrefix]: secrets.prefix,
        // A token (the distribution's domain) and no cycle: the distribution depends only on the
        // HTTP API's id, not on its routes or integrations, so the graph runs API → distribution →
        // this function → /api routes. CloudFront's *.cloudfront.net name is assigned at creation,
        // so no deterministic value exists; the price is that this function waits for the distribution.
        [API_ENV.publicUrl]: props.publicUrl,
        [API_ENV.initAdminTokenSecretId]: this.initAdminToken.secretArn,
        [API_ENV.ingestQueueUrl]: props.queues.queue.queueUrl,
        [API_ENV.ingestQueueArn]: props.queues.queue.queueArn,
        [API_ENV.deadLetterQueueUrl]: props.queues.deadLetterQueue.queueUrl,
        [API_ENV.deadLetterQueueArn]: props.queues.deadLetterQueue.queueArn,
      },
    });

    data.grantReadWriteData(this.api);
    audit.grantQueryAndPut(this.api);
    pipeline.grantStartExecution(this.api.function);
    pipeline.grantTaskResponse(this.api.function);
    secrets.grantManageSecrets(this.api);
    this.grantReadInitAdminToken(data);
    this.grantRedrive(props.queues);
    // Jobs health: the ingest queue's oldest-message age is a CloudWatch metric. GetMetricData has no
    // resource-level permissions (Resource "*", acknowledged on the function for X-Ray and this).
    Grant.addToPrincipal({
      grantee: this.api.function,
      actions: ['cloudwatch:GetMetricData'],
      resourceArns: ['*'],
    });

    this.route(props.api);
    Validations.of(this.initAdminToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The first-admin token is used once, to create the first admin; afterwards the API refuses it whatever its value, so rotation would protect nothing. Replace it by hand if it leaked before first use.',
    });
  }

  /** GetSecretValue on this one secret, and the data key only through Secrets Manager. */
  /** Peek at and move dead letters: receive/delete on the DLQ, send on the queue, and SQS's move task. */
  private grantRedrive({ queue, deadLetterQueue }: ConsoleApiProps['queues']): void {
    deadLetterQueue.grantConsumeMessages(this.api.function);
    queue.grantSendMessages(this.api.function);
    Grant.addToPrincipal({
      grantee: this.api.function,
      actions: ['sqs:StartMessageMoveTask', 'sqs:ListMessageMoveTasks', 'sqs:CancelMessageMoveTask'],
      resourceArns: [deadLetterQueue.queueArn],
    });
  }

  private grantReadInitAdminToken(data: Data): void {
    const stack = Stack.of(this);
    const grantee = this.api.function;
    Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:GetSecretValue'],
      resourceArns: [this.initAdminToken.secretArn],
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['kms:Decrypt'],
      resourceArns: [data.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
    });
  }

  private route(api: HttpApi): void {
    const integration = new HttpLambdaIntegration('ConsoleApiIntegration', this.api.function, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    const routes = ['/api', '/api/{proxy+}'].flatMap((path) =>
      api.addRoutes({ path, methods: [HttpMethod.ANY], integration }),
    );
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The console API authenticates in the app: a session cookie (__Host-, HttpOnly, Secure) checked against the sessions in the table, CSRF token and Origin/Sec-Fetch-Site checks on writes, and roles checked per route; sign-in, invite and setup routes must be reachable without a session.',
      });
    }
  }
}
