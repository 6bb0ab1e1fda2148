import '#lambdas/polyfills.js';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Action } from '#core/actions.js';
import type { ActionWorkflows, Clock, Logger } from '#lambdas/ports.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

type TaskHandler = (input: unknown) => Promise<unknown>;

interface StateDefinition {
  Type: string;
  Resource?: string;
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
  /** Pause between retries in ms, instead of the ASL's seconds (keeps local runs quick). */
  retryPauseMs?: number;
  /** Executions running at once. @default 10 */
  concurrency?: number;
}

/**
 * Runs the shipped ASL with aws-local-stepfunctions, each Task bound to the same function the
 * Lambda would run. Starting an existing name does nothing; RUNNING executions resume after a restart
 * (every step is idempotent, so re-running from the start is safe).
 */
export class LocalStepFunctions implements ActionWorkflows {
  private readonly executions: Map<string, LocalExecution>;
  private readonly machine: StateMachine;
  private readonly overrides: {
    taskResourceLocalHandlers: Record<string, TaskHandler>;
    retryIntervalOverrides?: Record<string, number>;
  };
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters = new Set<() => void>();
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
    // Task states anywhere (also inside Map/Parallel) run the in-process handler of their ARN placeholder.
    for (const [stateName, state] of taskStates(definition)) {
      const placeholder = state.Resource?.split(':function:')[1] ?? '';
      const handler = options.handlers[placeholder];
      if (!handler) throw new Error(`No local handler for ${placeholder} (state ${stateName})`);
      taskResourceLocalHandlers[stateName] = handler;
      if (options.retryPauseMs !== undefined) retryIntervalOverrides[stateName] = options.retryPauseMs;
    }
    this.machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    this.overrides = {
      taskResourceLocalHandlers,
      ...(options.retryPauseMs !== undefined ? { retryIntervalOverrides } : {}),
    };
  }

  async start(action: Action): Promise<void> {
    await this.startExecution(action.actionId, { action });
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

  /** Re-runs executions that were RUNNING when the process stopped. */
  resume(): number {
    const pending = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const execution of pending) void this.run(execution);
    return pending.length;
  }

  /** Resolves once no execution is running or waiting to run. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Stops starting new executions (running ones finish). */
  stop(): void {
    this.stopped = true;
  }

  /** Executions, newest first. */
  list(): LocalExecution[] {
    return [...this.executions.values()].reverse();
  }

  private async run(execution: LocalExecution): Promise<void> {
    await this.acquire();
    try {
      if (this.stopped) return;
      await this.machine.run(execution.input as never, { overrides: this.overrides as never }).result;
      execution.status = 'SUCCEEDED';
    } catch (error) {
      execution.status = 'FAILED';
      execution.error = `${(error as Error).name}: ${(error as Error).message}`;
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
    if (this.running < (this.options.concurrency ?? 10)) {
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
