import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task, TaskStatus } from '#core/task.js';
import { loadLocalConfig } from '../../scripts/local/config.js';
import { startProduct, type Product } from '../../scripts/local/product.js';
import { memoryLogger } from './memory-ports.js';

/** Starts the whole local product (stack + sandbox) in a temp data dir with quick sandbox timings. */
export async function startTestProduct(
  options: { dataDir?: string; port?: number; agentDelayMs?: number; env?: Record<string, string> } = {},
): Promise<Product & { dataDir: string; logs: ReturnType<typeof memoryLogger>; cleanup(): void }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'autoflow-test-'));
  const port = String(options.port ?? 0);
  const logs = memoryLogger();
  const product = await startProduct(
    loadLocalConfig({
      PORT: port,
      SANDBOX_PORT: '0',
      AUTOFLOW_DATA_DIR: dataDir,
      RECONCILE_INTERVAL_MS: '0',
      ...options.env,
    }),
    {
      logger: logs,
      sandboxTimings: { agentDelayMs: options.agentDelayMs ?? 20, mergeDelayMs: 20, ciDelayMs: 40 },
      retryPauseMs: 20,
      queueRetryDelaySeconds: 1,
    },
  );
  return { ...product, dataDir, logs, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Polls until the task for an Asana gid satisfies `done`, or fails after `timeoutMs`. */
export async function waitForTask(
  product: Product,
  asanaGid: string,
  done: (task: Task) => boolean,
  timeoutMs = 15_000,
): Promise<Task> {
  const { projectId } = product.demo!;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const taskId = await product.stack.stores.tasks.findTaskId(projectId, { kind: 'asana', gid: asanaGid });
    const task = taskId ? await product.stack.stores.tasks.getTask(projectId, taskId) : undefined;
    if (task && done(task)) return task;
    if (Date.now() > deadline)
      throw new Error(`task ${asanaGid} did not get there in time; last status ${task?.status ?? 'none'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when the task has reached the status. */
export const reached = (status: TaskStatus) => (task: Task) => task.status === status;
