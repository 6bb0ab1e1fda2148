import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { TaskTokenClosedError } from '#core/capability/errors.js';
import type { TaskTokens } from '#lambdas/ports.js';

const CLOSED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** Answers waiting executions on AWS with SendTaskSuccess / SendTaskFailure. */
export class SfnTaskTokens implements TaskTokens {
  constructor(private readonly options: { client: SFNClient }) {}

  async succeed(token: string, output: unknown): Promise<void> {
    await this.#send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
  }

  async fail(token: string, error: string, cause: string): Promise<void> {
    await this.#send(new SendTaskFailureCommand({ taskToken: token, error, cause: cause.slice(0, 32_768) }));
  }

  async #send(command: SendTaskSuccessCommand | SendTaskFailureCommand): Promise<void> {
    try {
      await this.options.client.send(command as SendTaskSuccessCommand);
    } catch (error) {
      if (error instanceof Error && CLOSED.has(error.name))
        throw new TaskTokenClosedError(`The task token is closed: ${error.message}`, { cause: error });
      throw error;
    }
  }
}
