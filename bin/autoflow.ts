#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { z } from 'zod';
import { AutoflowStage } from '../lib/autoflow-stage.js';
import { createStageConfig, type StageName } from '../lib/stage-config.js';

// Offline defaults: `cdk synth` works on a clean machine with no credentials and no lookups.
const OFFLINE_ACCOUNT = '000000000000';
const OFFLINE_REGION = 'eu-west-1';

const optional = z.string().trim().min(1).optional();
const InputsSchema = z.object({
  account: optional,
  region: optional,
  stagingAccount: optional,
  prodAccount: optional,
});

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
const parsed = InputsSchema.safeParse({
  account: context('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
  region: context('region') ?? process.env.CDK_DEFAULT_REGION,
  stagingAccount: context('stagingAccount'),
  prodAccount: context('prodAccount'),
});
if (!parsed.success) throw new Error(`Invalid context:\n${z.prettifyError(parsed.error)}`);
const inputs = parsed.data;

function envOf(stageName: StageName): { account: string; region: string } {
  const perStage = stageName === 'prod' ? inputs.prodAccount : inputs.stagingAccount;
  return { account: perStage ?? inputs.account ?? OFFLINE_ACCOUNT, region: inputs.region ?? OFFLINE_REGION };
}

new AutoflowStage(app, 'Staging', { config: createStageConfig('staging', envOf('staging')) });
new AutoflowStage(app, 'Prod', { config: createStageConfig('prod', envOf('prod')) });
app.synth();
