import '#lambdas/polyfills.js';
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { executionNameOf, type Action } from '#core/actions.js';
import { TaskTokenClosedError } from '#core/capability/errors.js';
import type { ActionWorkflows, Clock, Logger, TaskTokens } from '#lambdas/ports.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** How a wait learns that the runner stopped (never seen by the state machine). */
const STOPPED = new Error('the local runner stopped');

type TaskHandler = (input: unknown) => Promise<unknown>;

interface StateDefinition {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string; Payload?: unknown };
  TimeoutSeconds?: number;
  ItemProcessor?: StatesDefinition;
  Iterator?: StatesDefinition;
  Branches?: StatesDefinition[];
}
interface StatesDefinition {
  States: Record<string, StateDefinition>;
}

/** Every Task state of a definition, including those nested in Map and Parallel states. */
function taskStates(definition: StatesDefinition): [string, StateDefinition][] {
  return Object.entries(definition.States).flatMap(([name, state]): [string, StateDefinition][] => {
    const nested = [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])].filter(
      (d): d is StatesDefinition => !!d,
    );
    return [
      ...(state.Type === 'Task' ? [[name, state] as [string, StateDefinition]] : []),
      ...nested.flatMap(taskStates),
    ];
  });
}

/** Every Wait state of a definition (top level; the action machine has no nested waits). */
function waitStates(definition: StatesDefinition): string[] {
  return Object.entries(definition.States)
    .filter(([, state]) => state.Type === 'Wait')
    .map(([name]) => name);
}

/** The optimised integration that waits for SendTaskSuccess/Failure; FunctionName names the handler. */
const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
/** What `$$.Task.Token` reads locally; each wait replaces it with a fresh token before the handler sees it. */
const TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';

/** One execution as the local runner remembers it (names are unique, as on AWS). */
export interface LocalExecution {
  name: string;
  input: unknown;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  stoppedAt?: string;
  error?: string;
}

/** Options of the local Step Functions runner. */
export interface LocalStepFunctionsOptions {
  /** The ASL text exactly as shipped, with `${Placeholder}` ARNs. */
  definition: string;
  /** In-process handler per ARN placeholder, e.g. `{ EvaluateFunctionArn: evaluate }`. */
  handlers: Record<string, TaskHandler>;
  clock: Clock;
  logger: Logger;
  /** JSON file of executions, so running ones resume after a restart. */
  file?: string;
  /** Pause between retries and in Wait states, in ms, instead of the ASL's seconds (keeps local runs quick). */
  retryPauseMs?: number;
  /** How long a `.waitForTaskToken` state waits, in ms. @default the state's TimeoutSeconds */
  taskTokenTimeoutMs?: number;
  /** Executions running at once (an execution waiting for a task token does not count). @default 10 */
  concurrency?: number;
}

function replaceToken(value: unknown, token: string): unknown {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => replaceToken(v, token));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceToken(v, token)]));
  return value;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Runs the shipped ASL with aws-local-stepfunctions, each Task bound to the same function the
 * Lambda would run. Starting an existing name does nothing; RUNNING executions resume after a restart
 * (every step is idempotent, so re-running from the start is safe). `.waitForTaskToken` states are
 * emulated: the handler gets a fresh token, and the state completes when `succeed`/`fail` is called
 * with it (the TaskTokens port, as SendTaskSuccess/SendTaskFailure on AWS) or times out.
 */
export class LocalStepFunctions implements ActionWorkflows, TaskTokens {
  private readonly executions: Map<string, LocalExecution>;
  private readonly machine: StateMachine;
  private readonly overrides: {
    taskResourceLocalHandlers: Record<string, TaskHandler>;
    retryIntervalOverrides?: Record<string, number>;
    waitTimeOverrides?: Record<string, number>;
  };
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters = new Set<() => void>();
  private readonly tokens = new Map<
    string,
    { resolve: (output: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly aborts = new Set<() => void>();
  private running = 0;
  private stopped = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    const saved = options.file ? readJsonFile<LocalExecution[]>(options.file, []) : [];
    this.executions = new Map(saved.map((e) => [e.name, e]));
    const definition = JSON.parse(
      options.definition.replace(
        /\$\{([A-Za-z0-9]+)\}/g,
        'arn:aws:lambda:us-east-1:000000000000:function:$1',
      ),
    ) as StatesDefinition;
    const taskResourceLocalHandlers: Record<string, TaskHandler> = {};
    const retryIntervalOverrides: Record<string, number> = {};
    const waitTimeOverrides: Record<string, number> = {};
    // Task states anywhere (also inside Map/Parallel) run the in-process handler of their ARN placeholder.
    for (const [stateName, state] of taskStates(definition)) {
      const waits = state.Resource === WAIT_FOR_TOKEN;
      const arn = waits ? (state.Parameters?.FunctionName ?? '') : (state.Resource ?? '');
      const placeholder = arn.split(':function:')[1] ?? '';
      const handler = options.handlers[placeholder];
      if (!handler) throw new Error(`No local handler for ${placeholder} (state ${stateName})`);
      taskResourceLocalHandlers[stateName] = waits ? this.waitForToken(stateName, state, handler) : handler;
      if (options.retryPauseMs !== undefined) retryIntervalOverrides[stateName] = options.retryPauseMs;
    }
    if (options.retryPauseMs !== undefined)
      for (const name of waitStates(definition)) waitTimeOverrides[name] = options.retryPauseMs;
    this.machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    this.overrides = {
      taskResourceLocalHandlers,
      ...(options.retryPauseMs !== undefined ? { retryIntervalOverrides, waitTimeOverrides } : {}),
    };
  }

  async start(action: Action): Promise<void> {
    await this.startExecution(executionNameOf(action), { action });
  }

  /** Starts an execution by name, like StartExecution: an existing name does nothing. */
  async startExecution(name: string, input: unknown): Promise<void> {
    if (this.executions.has(name)) return;
    const execution: LocalExecution = {
      name,
      input,
      status: 'RUNNING',
      startedAt: this.options.clock.now().toISOString(),
    };
    this.executions.set(execution.name, execution);
    this.persist();
    void this.run(execution);
  }

  /** SendTaskSuccess: completes the waiting state with `output`; TaskTokenClosedError when nothing waits on it. */
  async succeed(token: string, output: unknown): Promise<void> {
    this.take(token).resolve(output);
  }

  /** SendTaskFailure: fails the waiting state with `error` (matched by the state's Catch) and `cause`. */
  async fail(token: string, error: string, cause: string): Promise<void> {
    this.take(token).reject(namedError(error, cause));
  }

  /** Re-runs executions that were RUNNING when the process stopped. */
  resume(): number {
    const pending = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const execution of pending) void this.run(execution);
    return pending.length;
  }

  /** Resolves once no execution is running or waiting to run (executions waiting for a task token do not count). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Executions waiting for a task token right now. */
  waitingForTokens(): number {
    return this.tokens.size;
  }

  /**
   * Stops starting new executions (running ones finish); executions waiting for a token stay RUNNING,
   * untouched, for the next start, and their tokens close (a late answer gets TaskTokenClosedError).
   */
  stop(): void {
    this.stopped = true;
    // A late answer finds the token closed (the approval is stored; the next start picks it up).
    this.tokens.clear();
    for (const abort of this.aborts) abort();
  }

  /** Executions, newest first. */
  list(): LocalExecution[] {
    return [...this.executions.values()].reverse();
  }

  private take(token: string): { resolve: (output: unknown) => void; reject: (e: Error) => void } {
    const waiter = this.tokens.get(token);
    if (!waiter) throw new TaskTokenClosedError('The task token is closed (timed out, answered, or unknown)');
    this.tokens.delete(token);
    return waiter;
  }

  /** Wraps the handler of a `.waitForTaskToken` state: hands it a fresh token, then waits for that token's answer. */
  private waitForToken(stateName: string, state: StateDefinition, handler: TaskHandler): TaskHandler {
    return async (input) => {
      const token = `local:${stateName}:${randomUUID()}`;
      const answer = new Promise<unknown>((resolve, reject) => this.tokens.set(token, { resolve, reject }));
      const payload = replaceToken((input as { Payload?: unknown }).Payload, token);
      try {
        await handler(payload);
      } catch (error) {
        this.tokens.delete(token);
        throw error;
      }
      // A waiting execution gives up its slot, as a paused execution costs nothing on AWS.
      this.release();
      const timeoutMs = this.options.taskTokenTimeoutMs ?? (state.TimeoutSeconds ?? 99_999_999) * 1000;
      let timer: NodeJS.Timeout | undefined;
      let abort: (() => void) | undefined;
      let stoppedWhileWaiting = false;
      try {
        return await Promise.race([
          answer,
          new Promise((_, reject) => {
            timer = setTimeout(() => {
              this.tokens.delete(token);
              reject(namedError('States.Timeout', `${stateName} timed out waiting for its task token`));
            }, timeoutMs);
          }),
          new Promise((_, reject) => {
            abort = () => reject(STOPPED);
            this.aborts.add(abort);
          }),
        ]);
      } catch (error) {
        // Stopped while waiting: the execution stays RUNNING for the next start and never takes its
        // slot back. Rejecting would take the state's Catch (RecordFailure) and fail the task in a
        // runner that is shutting down.
        if (error !== STOPPED) throw error;
        stoppedWhileWaiting = true;
        return new Promise<never>(() => undefined);
      } finally {
        clearTimeout(timer);
        if (abort) this.aborts.delete(abort);
        this.tokens.delete(token);
        if (!stoppedWhileWaiting) await this.acquire();
      }
    };
  }

  private async run(execution: LocalExecution): Promise<void> {
    await this.acquire();
    try {
      if (this.stopped) return;
      await this.machine.run(execution.input as never, {
        overrides: this.overrides as never,
        context: { Execution: { Name: execution.name }, Task: { Token: TOKEN_PLACEHOLDER } } as never,
      }).result;
      execution.status = 'SUCCEEDED';
    } catch (error) {
      execution.status = 'FAILED';
      execution.error = `${(error as Error).name}: ${(error as Error).message}`;
      if (!this.stopped)
        this.options.logger.warn('action execution failed', { name: execution.name, error: execution.error });
    } finally {
      if (!this.stopped) {
        execution.stoppedAt = this.options.clock.now().toISOString();
        this.persist();
      }
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.stopped || this.running < (this.options.concurrency ?? 10)) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.running++, resolve())));
  }

  private release(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) next();
    else if (this.running === 0) {
      for (const resolve of this.idleWaiters) resolve();
      this.idleWaiters.clear();
    }
  }

  private persist(): void {
    if (this.options.file) writeJsonFile(this.options.file, [...this.executions.values()]);
  }
}
