import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AutoflowStack } from './autoflow-stack.js';
import type { StageConfig } from './stage-config.js';

/** Props of one Auto-Flow stage. */
export interface AutoflowStageProps extends Omit<StageProps, 'env'> {
  readonly config: StageConfig;
  /** The built console to deploy to the console bucket; none is deployed without it. */
  readonly consoleAssetsPath?: string | undefined;
}

/** One deployment stage (Staging, Prod): its own account/region and its own copy of every resource. */
export class AutoflowStage extends Stage {
  readonly stack: AutoflowStack;

  constructor(scope: Construct, id: string, props: AutoflowStageProps) {
    const { config, consoleAssetsPath, ...stageProps } = props;
    super(scope, id, { ...stageProps, env: { account: config.account, region: config.region } });
    this.stack = new AutoflowStack(this, 'AutoFlow', {
      config,
      consoleAssetsPath,
      description: `Auto-Flow (${config.stageName}): webhooks, ingest queue, action pipeline, data`,
      terminationProtection: config.retainData,
    });
  }
}
