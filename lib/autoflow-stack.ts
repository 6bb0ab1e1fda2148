import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { Audit } from './constructs/audit.js';
import { AutoflowFunction, type FunctionDefaults } from './constructs/autoflow-function.js';
import { ConsoleApi } from './constructs/console-api.js';
import { ConsoleHosting } from './constructs/console-hosting.js';
import { OpsDashboard } from './constructs/dashboard.js';
import { Data } from './constructs/data.js';
import { Ingest } from './constructs/ingest.js';
import { Notifier } from './constructs/notifier.js';
import { Observability } from './constructs/observability.js';
import { Pipeline } from './constructs/pipeline.js';
import { Reconcile } from './constructs/reconcile.js';
import { ProjectSecrets } from './constructs/project-secrets.js';
import { Signing } from './constructs/signing.js';
import { secretPrefixOf, type StageConfig } from './stage-config.js';

/** Props of the Auto-Flow stack of one stage. */
export interface AutoflowStackProps extends StackProps {
  readonly config: StageConfig;
  /** The built console (`frontend/dist`); without it the console bucket stays empty. */
  readonly consoleAssetsPath?: string | undefined;
}

/** Composes the constructs of one stage and hands each the outputs of the others. */
export class AutoflowStack extends Stack {
  readonly data: Data;
  readonly secrets: ProjectSecrets;
  readonly pipeline: Pipeline;
  readonly audit: Audit;
  readonly signing: Signing;
  readonly ingest: Ingest;
  readonly reconcile: Reconcile;
  readonly console: ConsoleHosting;
  readonly consoleApi: ConsoleApi;
  readonly notifier: Notifier;
  readonly observability: Observability;
  readonly dashboard: OpsDashboard;

  constructor(scope: Construct, id: string, props: AutoflowStackProps) {
    super(scope, id, props);
    const { config } = props;
    const functions: FunctionDefaults = {
      stageName: config.stageName,
      logRetention: config.logRetention,
      retainLogs: config.retainData,
    };

    this.data = new Data(this, 'Data', { stageName: config.stageName, retain: config.retainData });
    this.secrets = new ProjectSecrets(this, 'Secrets', {
      prefix: secretPrefixOf(config.stageName),
      key: this.data.key,
    });
    this.audit = new Audit(this, 'Audit', { key: this.data.key, retain: config.retainData });
    this.signing = new Signing(this, 'Signing', { stageName: config.stageName, retain: config.retainData });
    this.pipeline = new Pipeline(this, 'Pipeline', {
      functions,
      data: this.data,
      secrets: this.secrets,
      audit: this.audit,
      signing: this.signing,
    });
    this.ingest = new Ingest(this, 'Ingest', {
      functions,
      data: this.data,
      secrets: this.secrets,
      actionStateMachineArn: this.pipeline.stateMachineArn,
      retain: config.retainData,
      throttle: config.webhookThrottle,
    });
    this.pipeline.grantStartExecution(this.ingest.worker.function);
    this.reconcile = new Reconcile(this, 'Reconcile', {
      functions,
      data: this.data,
      secrets: this.secrets,
      pipeline: this.pipeline,
      audit: this.audit,
      webhookBaseUrl: this.ingest.webhookBaseUrl,
    });
    this.console = new ConsoleHosting(this, 'Console', {
      stageName: config.stageName,
      retain: config.retainData,
      api: this.ingest.api,
      assetsPath: props.consoleAssetsPath,
      domain: config.domain,
    });
    const consoleUrl = this.console.url;
    this.consoleApi = new ConsoleApi(this, 'ConsoleApi', {
      functions,
      data: this.data,
      audit: this.audit,
      secrets: this.secrets,
      pipeline: this.pipeline,
      api: this.ingest.api,
      publicUrl: consoleUrl,
      retain: config.retainData,
      queues: { queue: this.ingest.queue, deadLetterQueue: this.ingest.deadLetterQueue },
    });
    this.notifier = new Notifier(this, 'Alerts', { functions, retain: config.retainData });
    // Last: alarms and dashboard cover every function and state machine composed above.
    [this.observability, this.dashboard] = this.observe(config);

    new CfnOutput(this, 'WebhookBaseUrl', {
      description: 'Register {base}/github/{projectId} and {base}/asana/{projectId} as webhook URLs',
      value: this.ingest.webhookBaseUrl,
    });
    new CfnOutput(this, 'SecretPrefix', {
      description: 'Prefix of the per-project secrets',
      value: this.secrets.prefix,
    });
    new CfnOutput(this, 'DataKeyArn', {
      description: 'KMS key to encrypt per-project secrets with',
      value: this.data.key.keyArn,
    });
    new CfnOutput(this, 'ConsoleUrl', {
      description: 'The web console; /api and /webhooks are served from the same origin',
      value: consoleUrl,
    });
    if (config.domain)
      new CfnOutput(this, 'ConsoleDnsTarget', {
        description: `Point ${config.domain.name} (CNAME, or alias for an apex) at this CloudFront name`,
        value: this.console.distribution.distributionDomainName,
      });
    new CfnOutput(this, 'InitAdminTokenSecretArn', {
      description: 'One-time token for the console setup page, which creates the first admin',
      value: this.consoleApi.initAdminToken.secretArn,
    });
    new CfnOutput(this, 'AlertWebhookSecretArn', {
      description: 'Put {"kind":"slack","url":…} or {"kind":"telegram","botToken":…,"chatId":…} here',
      value: this.notifier.webhookSecret.secretArn,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Every alarm and recovery; subscribe e-mail or chat integrations here too',
      value: this.notifier.topic.topicArn,
    });
  }

  private observe(config: StageConfig): [Observability, OpsDashboard] {
    const all = this.node.findAll();
    const functions = all.filter((c): c is AutoflowFunction => c instanceof AutoflowFunction);
    const stateMachines = all.filter((c): c is StateMachine => c instanceof StateMachine);
    const { ingest } = this;
    const observability = new Observability(this, 'Observability', {
      stageName: config.stageName,
      topic: this.notifier.topic,
      functions,
      deadLetterQueues: [ingest.deadLetterQueue],
      stateMachines,
      signatureSources: [
        { provider: 'github', logGroup: ingest.githubReceiver.logGroup },
        { provider: 'asana', logGroup: ingest.asanaReceiver.logGroup },
      ],
      logAlarms: [
        {
          name: 'approval-escalated',
          logGroup: this.pipeline.approval.logGroup,
          message: 'approval escalated',
          description:
            'An approval waited a day without a decision and was escalated; a second day rejects it. Inbox: /p/{slug}/approvals',
        },
        {
          name: 'webhook-repair-failed',
          logGroup: this.reconcile.repairWebhooks.logGroup,
          message: 'webhook repair failed',
          description:
            'The reconciler could not redeliver GitHub webhooks or backfill Asana for a project (token revoked? API down?). Logs name the project.',
        },
      ],
    });
    const dashboard = new OpsDashboard(this, 'Dashboard', {
      stageName: config.stageName,
      api: ingest.api,
      queue: ingest.queue,
      deadLetterQueue: ingest.deadLetterQueue,
      functions,
      stateMachines,
      signatureMetrics: observability.signatureMetrics,
      alarms: observability.alarms,
    });
    return [observability, dashboard];
  }
}
