import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SqsJobQueueHealth } from '#adapters/aws/sqs-job-queue-health.js';
import { awsApi, lambdaClientIp } from '#lambdas/composition/aws-api.js';
import { ConfigError } from '#lambdas/config/load-config.js';

const env = {
  STAGE: 'Staging',
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'main',
  AUDIT_TABLE_NAME: 'audit',
  ACTION_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:1:stateMachine:action',
  SECRET_PREFIX: 'autoflow/staging',
  PUBLIC_URL: 'https://console.example.com/',
  INIT_ADMIN_TOKEN_SECRET_ID: 'autoflow/staging/init-admin-token',
  INGEST_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/ingest',
  INGEST_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:1:ingest',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/ingest-dlq',
  DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:1:ingest-dlq',
};

describe('the API function’s composition on AWS', () => {
  it('builds from the environment CDK sets, with a __Host- cookie and the console as the only origin', () => {
    const { deps, mounts } = awsApi(env);

    expect(deps.options.cookie).toEqual({ name: '__Host-autoflow_session', secure: true });
    expect(deps.options.allowedOrigins()).toEqual(['https://console.example.com']);
    expect(deps.options.publicUrl()).toBe('https://console.example.com');
    expect(Object.keys(mounts)).toEqual(['/approvals', '/analytics', '/triggers']);
  });

  it('gives /api/v1 the console’s analytics store, webhook health and the SQS queue health', () => {
    const { deps, v1 } = awsApi(env);

    expect(v1.analytics).toBe(deps.pipeline.analytics);
    expect(v1.webhookHealth).toBe(deps.webhookHealth);
    expect(v1.jobs).toBeInstanceOf(SqsJobQueueHealth);
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => awsApi({ ...env, PUBLIC_URL: 'not a url', INIT_ADMIN_TOKEN_SECRET_ID: undefined })).toThrow(
      ConfigError,
    );
    expect(() => awsApi({ ...env, PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL: invalid/);
  });

  it('throttles by the viewer address CloudFront forwards, else API Gateway’s source IP', async () => {
    const app = new Hono().get('/', (c) => c.text(lambdaClientIp(c)));
    const ip = async (headers: Record<string, string>, env?: unknown) =>
      (await app.request('/', { headers }, env as never)).text();

    expect(await ip({ 'cloudfront-viewer-address': '203.0.113.7:51234' })).toBe('203.0.113.7');
    expect(await ip({ 'cloudfront-viewer-address': '2001:db8::1:443' })).toBe('2001:db8::1');
    expect(await ip({}, { event: { requestContext: { http: { sourceIp: '198.51.100.2' } } } })).toBe(
      '198.51.100.2',
    );
  });
});
