import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { FunctionDefaults } from './constructs/autoflow-function.js';
import { Data } from './constructs/data.js';
import { Ingest } from './constructs/ingest.js';
import { Pipeline } from './constructs/pipeline.js';
import { ProjectSecrets } from './constructs/project-secrets.js';
import { secretPrefixOf, type StageConfig } from './stage-config.js';

/** Props of the Auto-Flow stack of one stage. */
export interface AutoflowStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Composes the constructs of one stage and hands each the outputs of the others. */
export class AutoflowStack extends Stack {
  readonly data: Data;
  readonly secrets: ProjectSecrets;
  readonly pipeline: Pipeline;
  readonly ingest: Ingest;

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
    this.pipeline = new Pipeline(this, 'Pipeline', { functions, data: this.data, secrets: this.secrets });
    this.ingest = new Ingest(this, 'Ingest', {
      functions,
      data: this.data,
      secrets: this.secrets,
      actionStateMachineArn: this.pipeline.stateMachineArn,
      retain: config.retainData,
      throttle: config.webhookThrottle,
    });
    this.pipeline.grantStartExecution(this.ingest.worker.function);

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
  }
}
