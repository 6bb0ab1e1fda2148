#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { z } from 'zod';
import { addStages } from '../lib/autoflow-app.js';

const optional = z.string().trim().min(1).optional();
const InputsSchema = z.object({
  account: optional,
  region: optional,
  stagingAccount: optional,
  prodAccount: optional,
  stagingDomain: optional,
  stagingCertificateArn: optional,
  prodDomain: optional,
  prodCertificateArn: optional,
});

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
const parsed = InputsSchema.safeParse({
  account: context('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
  region: context('region') ?? process.env.CDK_DEFAULT_REGION,
  stagingAccount: context('stagingAccount'),
  prodAccount: context('prodAccount'),
  stagingDomain: context('stagingDomain'),
  stagingCertificateArn: context('stagingCertificateArn'),
  prodDomain: context('prodDomain'),
  prodCertificateArn: context('prodCertificateArn'),
});
if (!parsed.success) throw new Error(`Invalid context:\n${z.prettifyError(parsed.error)}`);

// The SPA is deployed only once it has been built (`npm run build` in frontend/); synth works without it.
const consoleDist = fileURLToPath(new URL('../frontend/dist/', import.meta.url));
addStages(app, { ...parsed.data, consoleAssetsPath: existsSync(consoleDist) ? consoleDist : undefined });
app.synth();
