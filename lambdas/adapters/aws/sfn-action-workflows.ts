import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { executionNameOf, type Action } from '#core/actions.js';
import type { ActionWorkflows } from '#lambdas/ports.js';

/** Starts the action state machine on AWS Step Functions, named by the action's current run. */
export class SfnActionWorkflows implements ActionWorkflows {
  constructor(private readonly options: { client: SFNClient; stateMachineArn: string }) {}

  async start(action: Action): Promise<void> {
    try {
      await this.options.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.options.stateMachineArn,
          name: executionNameOf(action),
          input: JSON.stringify({ action }),
        }),
      );
    } catch (error) {
      // Same name, already finished (or started with other input): the action ran or runs; nothing to do.
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
