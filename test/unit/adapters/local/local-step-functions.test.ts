import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import type { Action } from '#core/actions.js';
import { TaskTokenClosedError } from '#core/capability/errors.js';
import { readDefinition } from '../../../../statemachines/load.js';
import { createAction } from '../../../helpers/factories.js';
import { fixedClock, memoryLogger } from '../../../helpers/memory-ports.js';

const DECISION = {
  decision: 'allow',
  approvals: 0,
  determiningPolicies: ['p'],
  errors: [],
  policyVersion: 'v1',
};

function runner(
  file: string,
  execute: (input: unknown) => Promise<unknown>,
  recorded: unknown[],
  options: {
    outcome?: string;
    approval?: (input: unknown) => Promise<unknown>;
    taskTokenTimeoutMs?: number;
  } = {},
) {
  const evaluation = { outcome: options.outcome ?? 'allow', reason: 'test', decision: DECISION, at: 'now' };
  return new LocalStepFunctions({
    definition: readDefinition('action'),
    handlers: {
      EvaluateFunctionArn: async () => evaluation,
      ApprovalFunctionArn: options.approval ?? (async () => ({ status: 'pending' })),
      AuthorizeFunctionArn: async () => ({ token: 'tok', jti: 'j', expiresAt: 'later' }),
      ExecuteFunctionArn: execute,
      RecordFunctionArn: async (input) => {
        recorded.push(input);
        return { recorded: true };
      },
    },
    clock: fixedClock(),
    logger: memoryLogger(),
    file,
    retryPauseMs: 1,
    ...(options.taskTokenTimeoutMs ? { taskTokenTimeoutMs: options.taskTokenTimeoutMs } : {}),
  });
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'af-sfn-')), 'executions.json');

describe('LocalStepFunctions', () => {
  it('binds each Task state to the handler of its ARN placeholder and passes results along', async () => {
    const recorded: unknown[] = [];
    const executed: unknown[] = [];
    const sfn = runner(
      tempFile(),
      async (input) => (executed.push(input), { issueNumber: 3, url: 'u' }),
      recorded,
    );
    const action: Action = createAction();
    await sfn.start(action);
    await sfn.idle();
    expect(executed).toEqual([{ action, token: 'tok' }]);
    expect(recorded).toEqual([
      {
        action,
        evaluation: { outcome: 'allow', reason: 'test', decision: DECISION, at: 'now' },
        outcome: 'succeeded',
        result: { issueNumber: 3, url: 'u' },
      },
    ]);
  });

  it('resumes an execution that was running when the process stopped', async () => {
    const file = tempFile();
    const first = runner(file, () => new Promise(() => undefined), []);
    await first.start(createAction());
    first.stop();

    const recorded: unknown[] = [];
    const second = runner(file, async () => ({}), recorded);
    expect(second.resume()).toBe(1);
    await second.idle();
    expect(recorded).toHaveLength(1);
    expect(second.list()[0]?.status).toBe('SUCCEEDED');
  });

  it('never starts the same name twice, even across a restart', async () => {
    const file = tempFile();
    const recorded: unknown[] = [];
    const first = runner(file, async () => ({}), recorded);
    await first.start(createAction());
    await first.idle();
    const second = runner(file, async () => ({}), recorded);
    await second.start(createAction());
    await second.idle();
    expect(recorded).toHaveLength(1);
  });

  it('starts a released action again under the name of its release', async () => {
    const recorded: unknown[] = [];
    const sfn = runner(tempFile(), async () => ({}), recorded);
    const action = createAction();
    await sfn.start(action);
    await sfn.idle();
    await sfn.start({ ...action, releases: 1 });
    await sfn.idle();
    await sfn.start({ ...action, releases: 1 });
    await sfn.idle();
    expect(sfn.list().map((e) => e.name)).toEqual([`${action.actionId}-r1`, action.actionId]);
    expect(recorded).toHaveLength(2);
  });

  describe('.waitForTaskToken', () => {
    it('hands the handler a fresh token in the Payload and completes the state when the token succeeds', async () => {
      const payloads: { taskToken: string; stage: string; timeoutSeconds: number }[] = [];
      const recorded: unknown[] = [];
      const sfn = runner(tempFile(), async () => ({}), recorded, {
        outcome: 'approve',
        approval: async (payload) => void payloads.push(payload as never),
      });
      await sfn.start(createAction());
      await sfn.idle();
      expect(payloads).toEqual([
        expect.objectContaining({
          stage: 'request',
          timeoutSeconds: 86400,
          taskToken: expect.stringMatching(/^local:RequestApproval:/),
        }),
      ]);
      expect(sfn.waitingForTokens()).toBe(1);

      await sfn.succeed(payloads[0]!.taskToken, { approvalId: 'a', approvedBy: ['alice'] });
      await new Promise((r) => setTimeout(r, 50));
      await sfn.idle();
      expect(recorded).toEqual([expect.objectContaining({ outcome: 'succeeded' })]);
      await expect(sfn.succeed(payloads[0]!.taskToken, {})).rejects.toBeInstanceOf(TaskTokenClosedError);
    });

    it('routes a failure by its error name to the matching Catch', async () => {
      const tokens: string[] = [];
      const recorded: { outcome: string; error?: unknown }[] = [];
      const sfn = runner(tempFile(), async () => ({}), recorded as unknown[], {
        outcome: 'approve',
        approval: async (payload) => void tokens.push((payload as { taskToken: string }).taskToken),
      });
      await sfn.start(createAction());
      await sfn.idle();
      await sfn.fail(tokens[0]!, 'ApprovalRejected', 'rejected by bob');
      await new Promise((r) => setTimeout(r, 50));
      await sfn.idle();
      expect(recorded).toEqual([
        expect.objectContaining({
          outcome: 'rejected',
          error: { Error: 'ApprovalRejected', Cause: 'rejected by bob' },
        }),
      ]);
    });

    it('times out into Escalate with a new token, then into RecordExpired', async () => {
      const stages: string[] = [];
      const recorded: { outcome: string }[] = [];
      const sfn = runner(tempFile(), async () => ({}), recorded as unknown[], {
        outcome: 'approve',
        approval: async (payload) => void stages.push((payload as { stage: string }).stage),
        taskTokenTimeoutMs: 20,
      });
      await sfn.start(createAction());
      for (let i = 0; i < 50 && recorded.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(stages).toEqual(['request', 'escalate']);
      expect(recorded).toEqual([expect.objectContaining({ outcome: 'expired' })]);
      expect(sfn.waitingForTokens()).toBe(0);
    });

    it('leaves a waiting execution RUNNING on stop: no Catch runs, and a late answer finds its token closed', async () => {
      const file = tempFile();
      const tokens: string[] = [];
      const recorded: unknown[] = [];
      const sfn = runner(file, async () => ({}), recorded, {
        outcome: 'approve',
        approval: async (payload) => void tokens.push((payload as { taskToken: string }).taskToken),
      });
      await sfn.start(createAction());
      await sfn.idle();

      sfn.stop();
      await sfn.idle();
      const late = await sfn.succeed(tokens[0]!, { approvalId: 'a' }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 20));

      expect(recorded).toEqual([]);
      expect(late).toBeInstanceOf(TaskTokenClosedError);
      expect(sfn.list()[0]?.status).toBe('RUNNING');
      const next = runner(file, async () => ({}), recorded, {
        outcome: 'approve',
        approval: async (payload) => void tokens.push((payload as { taskToken: string }).taskToken),
      });
      expect(next.resume()).toBe(1);
      await next.idle();
      expect(tokens).toHaveLength(2);
      next.stop();
    });

    it('does not count waiting executions as busy, so others run and idle() resolves', async () => {
      const recorded: unknown[] = [];
      const sfn = new LocalStepFunctions({
        definition: readDefinition('action'),
        handlers: {
          EvaluateFunctionArn: async (input) => ({
            outcome: (input as { action: Action }).action.actionId.endsWith('wait') ? 'approve' : 'allow',
            reason: 'r',
            decision: DECISION,
            at: 'now',
          }),
          ApprovalFunctionArn: async () => ({}),
          AuthorizeFunctionArn: async () => ({ token: 't' }),
          ExecuteFunctionArn: async () => ({}),
          RecordFunctionArn: async (input) => (recorded.push(input), { recorded: true }),
        },
        clock: fixedClock(),
        logger: memoryLogger(),
        concurrency: 1,
        retryPauseMs: 1,
      });
      await sfn.start(createAction({ actionId: 'a-wait' }));
      await sfn.start(createAction({ actionId: 'b-go' }));
      await sfn.idle();
      expect(recorded).toHaveLength(1);
      expect(sfn.waitingForTokens()).toBe(1);
      sfn.stop();
    });
  });
});
