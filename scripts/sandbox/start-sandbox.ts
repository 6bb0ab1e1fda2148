import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { runAgentJob, startAgent } from './agent.js';
import { createSandboxApp } from './app.js';
import { runCiJob, startCi } from './ci.js';
import type { SandboxContext } from './context.js';
import { createControl, type SandboxControl } from './control.js';
import { FaultLog } from './fault-log.js';
import type { ChaosInput } from './fault-schemas.js';
import { Faults } from './faults.js';
import { Scheduler } from './scheduler.js';
import type { SandboxState } from './state.js';
import { SandboxStore } from './store.js';
import { WebhookFaults } from './webhook-faults.js';
import { WebhookSender } from './webhook-sender.js';

export interface SandboxOptions {
  /** @default 0 (a random free port) */
  port?: number;
  githubToken: string;
  asanaToken: string;
  /** Issue opened → agent opens its PR. @default 1000 */
  agentDelayMs?: number;
  /** PR opened → agent merges it. @default 1000 */
  mergeDelayMs?: number;
  /** Merge → CI completes (in_progress at half). @default 2000 */
  ciDelayMs?: number;
  /** Keep the state in this JSON file across restarts. */
  persistFile?: string;
  /** Delays before each webhook retry (5xx or network error). @default [200, 1000, 3000] */
  deliveryRetryDelaysMs?: number[];
  /** @default 10000 */
  deliveryTimeoutMs?: number;
  /** Delivery attempts kept in the state. @default 5000 */
  deliveryLogSize?: number;
  /** Seeded fault injection from the start (replaces a persisted config); see `control.setChaos`. */
  chaos?: ChaosInput;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`; GitHub is under `/github`, Asana under `/asana/api/1.0`, control under `/sandbox`. */
  url: string;
  port: number;
  /** The live state (read it; change it through `control`). */
  readonly state: SandboxState;
  control: SandboxControl;
  /** Clears every timer, aborts deliveries in flight, saves the state and closes the server. */
  stop(): Promise<void>;
}

/** Starts the Asana + GitHub sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const store = new SandboxStore({ persistFile: options.persistFile });
  const scheduler = new Scheduler(store);
  const faultLog = new FaultLog(store);
  const webhookFaults = new WebhookFaults(store, faultLog);
  const sender = new WebhookSender(
    store,
    scheduler,
    {
      retryDelaysMs: options.deliveryRetryDelaysMs ?? [200, 1000, 3000],
      timeoutMs: options.deliveryTimeoutMs ?? 10_000,
      logSize: options.deliveryLogSize,
    },
    webhookFaults,
  );
  const faults = new Faults(store, faultLog);
  const ctx: SandboxContext = {
    store,
    scheduler,
    sender,
    faults,
    webhookFaults,
    faultLog,
    tokens: { github: options.githubToken, asana: options.asanaToken },
    revokedTokens: new Set(),
    timings: {
      agentDelayMs: options.agentDelayMs ?? 1000,
      mergeDelayMs: options.mergeDelayMs ?? 1000,
      ciDelayMs: options.ciDelayMs ?? 2000,
    },
    startedAt: Date.now(),
    urls: { base: '' },
    on: { issueOpened: [], pullMerged: [] },
  };
  startAgent(ctx);
  startCi(ctx);
  const control = createControl(ctx);
  if (options.chaos) control.setChaos(options.chaos);
  const { server, port } = await listen(createSandboxApp(ctx, control).fetch, options.port ?? 0);
  ctx.urls.base = `http://127.0.0.1:${port}`;
  scheduler.start((job) => (job.kind.startsWith('agent.') ? runAgentJob(ctx, job) : runCiJob(ctx, job)));
  return {
    url: ctx.urls.base,
    port,
    control,
    get state() {
      return store.data;
    },
    async stop() {
      scheduler.stop();
      sender.stop();
      faults.stop();
      store.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch, port, hostname: '127.0.0.1', overrideGlobalObjects: false },
      (info: AddressInfo) => resolve({ server, port: info.port }),
    );
    server.once('error', reject);
  });
}
