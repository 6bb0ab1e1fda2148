import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import type { Action } from '#core/actions.js';
import { readDefinition } from '../../../../statemachines/load.js';
import { createAction } from '../../../helpers/factories.js';
import { fixedClock, memoryLogger } from '../../../helpers/memory-ports.js';

function runner(file: string, execute: (input: unknown) => Promise<unknown>, recorded: unknown[]) {
  return new LocalStepFunctions({
    definition: readDefinition('action'),
    handlers: {
      EvaluateFunctionArn: async () => ({ outcome: 'allow', reason: 'test' }),
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
  });
}

describe('LocalStepFunctions', () => {
  it('binds each Task state to the handler of its ARN placeholder and passes results along', async () => {
    const recorded: unknown[] = [];
    const sfn = runner(
      join(mkdtempSync(join(tmpdir(), 'af-sfn-')), 'x.json'),
      async () => ({ issueNumber: 3, url: 'u' }),
      recorded,
    );
    const action: Action = createAction();
    await sfn.start(action);
    await sfn.idle();
    expect(recorded).toEqual([{ action, outcome: 'succeeded', result: { issueNumber: 3, url: 'u' } }]);
  });

  it('resumes an execution that was running when the process stopped', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'af-sfn-')), 'executions.json');
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
    const file = join(mkdtempSync(join(tmpdir(), 'af-sfn-')), 'executions.json');
    const recorded: unknown[] = [];
    const first = runner(file, async () => ({}), recorded);
    await first.start(createAction());
    await first.idle();
    const second = runner(file, async () => ({}), recorded);
    await second.start(createAction());
    await second.idle();
    expect(recorded).toHaveLength(1);
  });
});
