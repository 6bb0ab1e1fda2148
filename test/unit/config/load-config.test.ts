import { describe, expect, it } from 'vitest';
import { ReceiverEnvSchema } from '#lambdas/config/aws-env.js';
import { ConfigError, loadConfig } from '#lambdas/config/load-config.js';
import { loadLocalConfig } from '../../../scripts/local/config.js';

describe('configuration', () => {
  it('applies the local defaults', () => {
    expect(loadLocalConfig({})).toMatchObject({
      PORT: 3000,
      AUTOFLOW_DATA_DIR: '.autoflow',
      LOG_LEVEL: 'INFO',
    });
  });

  it('stops with a message naming a bad variable and why', () => {
    expect(() => loadLocalConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadLocalConfig({ PORT: '70000' })).toThrow(/PORT: invalid — must be 0–65535/);
  });

  it('requires both tokens, and a project file, for real mode', () => {
    expect(() => loadLocalConfig({ GITHUB_TOKEN: 'x' })).toThrow(/ASANA_TOKEN: .*set both tokens/);
    expect(() => loadLocalConfig({ GITHUB_TOKEN: 'x', ASANA_TOKEN: 'y' })).toThrow(/AUTOFLOW_PROJECT_FILE/);
  });

  it('names every missing variable of a Lambda function', () => {
    expect(() => loadConfig(ReceiverEnvSchema, { AWS_REGION: 'eu-west-1' })).toThrow(
      /TABLE_NAME: missing[\s\S]*INGEST_QUEUE_URL: missing/,
    );
  });
});
