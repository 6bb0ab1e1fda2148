import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOutputs, synthStage, type SynthesizedStage } from './synth-stage.js';

let staging: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  staging = synthStage('staging');
  prod = synthStage('prod');
});

afterAll(() => removeOutputs(staging, prod));

type Resources = Record<string, { DeletionPolicy?: string; Properties: Record<string, unknown> }>;
const all = ({ template }: SynthesizedStage, type: string) =>
  Object.values(template.findResources(type) as Resources);

describe('stage protection', () => {
  it('keeps point-in-time recovery on the main table in both stages', () => {
    for (const stage of [staging, prod]) {
      const main = all(stage, 'AWS::DynamoDB::Table').find((t) =>
        JSON.stringify(t.Properties.KeySchema).includes('"pk"'),
      );
      expect(main?.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('protects every Prod table from deletion and retains it', () => {
    for (const table of all(prod, 'AWS::DynamoDB::Table')) {
      expect(table.DeletionPolicy).toBe('Retain');
    }
    expect(
      all(prod, 'AWS::DynamoDB::Table').some((t) => t.Properties.DeletionProtectionEnabled === true),
    ).toBe(true);
  });

  it('rotates every KMS key and retains every Prod key, bucket, secret and log group', () => {
    for (const stage of [staging, prod]) {
      // Asymmetric keys (the capability-signing key) cannot rotate automatically: rotated through their alias.
      for (const key of all(stage, 'AWS::KMS::Key').filter(
        (k) => !String(k.Properties.KeySpec ?? '').startsWith('ECC_'),
      ))
        expect(key.Properties.EnableKeyRotation).toBe(true);
    }
    for (const type of [
      'AWS::KMS::Key',
      'AWS::S3::Bucket',
      'AWS::SecretsManager::Secret',
      'AWS::Logs::LogGroup',
    ]) {
      expect(new Set(all(prod, type).map((r) => r.DeletionPolicy)), type).toEqual(new Set(['Retain']));
    }
  });

  it('sets a retention on every log group', () => {
    for (const stage of [staging, prod]) {
      for (const group of all(stage, 'AWS::Logs::LogGroup'))
        expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('blocks public access on every bucket', () => {
    for (const stage of [staging, prod]) {
      for (const bucket of all(stage, 'AWS::S3::Bucket')) {
        expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
    }
  });

  it('throttles every HTTP API stage', () => {
    for (const stage of [staging, prod]) {
      const stages = all(stage, 'AWS::ApiGatewayV2::Stage');
      expect(stages.length).toBeGreaterThan(0);
      for (const apiStage of stages) {
        expect(apiStage.Properties.DefaultRouteSettings).toMatchObject({
          ThrottlingRateLimit: expect.any(Number),
          ThrottlingBurstLimit: expect.any(Number),
        });
      }
    }
  });
});
