import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SecretsManagerIntegrationTokens,
  SecretsManagerWebhookSecrets,
} from '#adapters/aws/secrets-manager-secrets.js';
import { SfnActionWorkflows } from '#adapters/aws/sfn-action-workflows.js';
import { SqsIngestQueue, sqsSafeJson } from '#adapters/aws/sqs-ingest-queue.js';
import { createAction } from '../../../helpers/factories.js';

const sqs = mockClient(SQSClient);
const sfn = mockClient(SFNClient);
const sm = mockClient(SecretsManagerClient);
afterEach(() => {
  sqs.reset();
  sfn.reset();
  sm.reset();
});

describe('SqsIngestQueue', () => {
  it('sends the message as JSON with its delivery and project ids as attributes', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const message = {
      deliveryId: 'gh-1',
      projectId: 'p',
      source: 'github' as const,
      receivedAt: 'now',
      event: {
        type: 'asana.task_touched' as const,
        asanaGid: '1',
        action: 'changed' as const,
        occurredAt: 'now',
      },
    };
    await new SqsIngestQueue({
      client: new SQSClient({ region: 'eu-west-1' }),
      queueUrl: 'https://sqs/q',
    }).send(message);
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(JSON.parse(input.MessageBody!)).toEqual(message);
    expect(input.MessageAttributes?.deliveryId?.StringValue).toBe('gh-1');
  });
});

describe('sqsSafeJson', () => {
  it('escapes the characters SQS refuses, keeping the same JSON value', () => {
    const value = { body: 'a\uFFFEb\uFFFFc\u0001' };
    const json = sqsSafeJson(value);
    expect(json).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('SfnActionWorkflows', () => {
  const workflows = () =>
    new SfnActionWorkflows({
      client: new SFNClient({ region: 'eu-west-1' }),
      stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:a',
    });

  it('starts an execution named by the action id', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x' });
    const action = createAction();
    await workflows().start(action);
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toMatchObject({
      name: action.actionId,
      input: JSON.stringify({ action }),
    });
  });

  it('treats ExecutionAlreadyExists as done (the action ran or runs)', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(workflows().start(createAction())).resolves.toBeUndefined();
  });

  it('rethrows other errors untouched', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('throttled'));
    await expect(workflows().start(createAction())).rejects.toThrow('throttled');
  });
});

describe('Secrets Manager adapters', () => {
  const client = () => new SecretsManagerClient({ region: 'eu-west-1' });

  it('reads webhook secrets and tokens from separate secrets per project', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'autoflow/staging/projects/p1/webhooks' }).resolves({
      SecretString: '{"github":"g"}',
    });
    sm.on(GetSecretValueCommand, { SecretId: 'autoflow/staging/projects/p1/tokens' }).resolves({
      SecretString: '{"asana":"t"}',
    });
    expect(
      await new SecretsManagerWebhookSecrets({ client: client(), prefix: 'autoflow/staging' }).get('p1'),
    ).toEqual({ github: 'g' });
    expect(
      await new SecretsManagerIntegrationTokens({ client: client(), prefix: 'autoflow/staging' }).get('p1'),
    ).toEqual({ asana: 't' });
  });

  it('answers no secrets for a project without one', async () => {
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'no', $metadata: {} }));
    expect(await new SecretsManagerWebhookSecrets({ client: client(), prefix: 'x' }).get('p1')).toEqual({});
  });

  it('merges the Asana handshake secret into the stored webhook secrets, creating the secret when missing', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: '{"github":"g"}' });
    sm.on(PutSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'no', $metadata: {} }));
    sm.on(CreateSecretCommand).resolves({});
    await new SecretsManagerWebhookSecrets({ client: client(), prefix: 'x' }).putAsana('p1', 'a');
    expect(JSON.parse(sm.commandCalls(CreateSecretCommand)[0]!.args[0].input.SecretString!)).toEqual({
      github: 'g',
      asana: 'a',
    });
  });
});
