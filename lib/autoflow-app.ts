import type { App } from 'aws-cdk-lib';
import { AutoflowStage } from './autoflow-stage.js';
import { createStageConfig, type StageName } from './stage-config.js';

/** Account and region used when none is given: synthesis works offline, but never deploy with them. */
export const OFFLINE_ENV = { account: '000000000000', region: 'eu-west-1' } as const;

/** What `bin/` hands over after reading context and environment; every field is optional. */
export interface AppInputs {
  readonly account?: string | undefined;
  readonly region?: string | undefined;
  readonly stagingAccount?: string | undefined;
  readonly prodAccount?: string | undefined;
  /** The console's domain per stage and its ACM certificate (us-east-1); both or neither. */
  readonly stagingDomain?: string | undefined;
  readonly stagingCertificateArn?: string | undefined;
  readonly prodDomain?: string | undefined;
  readonly prodCertificateArn?: string | undefined;
  /** The built console (`frontend/dist`), deployed to the console bucket when present. */
  readonly consoleAssetsPath?: string | undefined;
}

/** Adds the Staging and Prod stages to an app; `bin/autoflow.ts` and the safety gate share it. */
export function addStages(app: App, inputs: AppInputs): Record<StageName, AutoflowStage> {
  const envOf = (stageName: StageName) => {
    const perStage = stageName === 'prod' ? inputs.prodAccount : inputs.stagingAccount;
    return {
      account: perStage ?? inputs.account ?? OFFLINE_ENV.account,
      region: inputs.region ?? OFFLINE_ENV.region,
    };
  };
  const domainOf = (stageName: StageName) =>
    stageName === 'prod'
      ? { name: inputs.prodDomain, certificateArn: inputs.prodCertificateArn }
      : { name: inputs.stagingDomain, certificateArn: inputs.stagingCertificateArn };
  const stage = (stageName: StageName, id: string) =>
    new AutoflowStage(app, id, {
      config: createStageConfig(stageName, envOf(stageName), domainOf(stageName)),
      consoleAssetsPath: inputs.consoleAssetsPath,
    });
  return { staging: stage('staging', 'Staging'), prod: stage('prod', 'Prod') };
}
