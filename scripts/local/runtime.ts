import '#lambdas/polyfills.js';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { DynamoDBDeliveryLog } from '#adapters/aws/dynamodb-delivery-log.js';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { CachedWebhookSecrets } from '#adapters/cached-webhook-secrets.js';
import { EncryptedFileSecrets } from '#adapters/local/encrypted-file-secrets.js';
import { LocalQueue } from '#adapters/local/local-queue.js';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import { QueuePoller } from '#adapters/local/queue-poller.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { TokenIntegrations } from '#adapters/token-integrations.js';
import { INGEST_QUEUE } from '#adapters/aws/schema.js';
import { createApiApp } from '#lambdas/api/app.js';
import {
  integrationFactories,
  type IntegrationEndpoints,
} from '#lambdas/composition/integration-factories.js';
import { createEvaluateStep, createExecuteStep, createRecordStep } from '#lambdas/functions/action-steps.js';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';
import {
  createFindStuckStep,
  createRepairStep,
  createSummaryStep,
} from '#lambdas/functions/reconcile-steps.js';
import { createWorker } from '#lambdas/functions/worker.js';
import type { Logger } from '#lambdas/ports.js';
import { readDefinition } from '../../statemachines/load.js';
import type { LocalConfig } from './config.js';
import { consoleLogger } from './console-logger.js';
import { createLocalHttpApp } from './http-app.js';
import { startLocalDynamoDB, type LocalDynamoDB } from './local-dynamodb.js';
import { removeRuntimeLock, writeRuntimeLock } from './runtime-lock.js';

/** Options of the local stack beyond its configuration. */
export interface LocalStackOptions {
  config: LocalConfig;
  logger?: Logger;
  /** Pause between state machine retries, in ms (ASL seconds are kept on AWS). @default 200 */
  retryPauseMs?: number;
  /** Seconds a failed queue message waits before the next receive. @default 2 */
  queueRetryDelaySeconds?: number;
  /** Where the integrations live (sandbox or real APIs). */
  integrations: IntegrationEndpoints;
  /** Sandbox base URL, proxied under /sandbox for the console. */
  sandboxUrl?: string;
}

/** The running local stack: the same handlers and ASL as on AWS, with local stand-ins around them. */
export interface LocalStack {
  url: string;
  dataDir: string;
  dynamo: LocalDynamoDB;
  queue: LocalQueue;
  workflows: LocalStepFunctions;
  secrets: EncryptedFileSecrets;
  stores: {
    projects: DynamoDBProjectStore;
    tasks: DynamoDBTaskStore;
    deliveries: DynamoDBDeliveryLog;
    killSwitches: DynamoDBKillSwitchStore;
    handshakes: DynamoDBHandshakeStore;
  };
  logger: Logger;
  /** Resolves once the queue is drained and no execution runs (for the simulator and tests). */
  settle(): Promise<void>;
  /** Runs the reconciler now (one run per window still holds) and resolves when it has finished. */
  reconcileNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts dynalite, the queue and its poller, the state machine runner and the HTTP front door. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { config } = options;
  const dataDir = resolve(config.AUTOFLOW_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? consoleLogger('autoflow-local', config.LOG_LEVEL);
  const clock = systemClock;
  const ids = ulidIds(clock);

  const dynamo = await startLocalDynamoDB({ path: join(dataDir, 'dynamodb') });
  const table = { client: dynamo.doc, tableName: dynamo.tableName };
  const stores = {
    projects: new DynamoDBProjectStore(table),
    tasks: new DynamoDBTaskStore(table),
    deliveries: new DynamoDBDeliveryLog(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    handshakes: new DynamoDBHandshakeStore(table),
  };
  const secrets = new EncryptedFileSecrets({
    file: join(dataDir, 'secrets.enc.json'),
    keyFile: join(dataDir, 'secrets.key'),
  });
  const integrations = new TokenIntegrations({
    tokens: secrets.tokens,
    factories: integrationFactories(options.integrations),
    clock,
  });
  const queue = new LocalQueue({
    file: join(dataDir, 'queue.json'),
    clock,
    maxReceiveCount: INGEST_QUEUE.maxReceiveCount,
    visibilityTimeoutSeconds: INGEST_QUEUE.visibilityTimeoutSeconds,
  });

  // As in a warm Lambda container: project configurations are cached briefly on the hot paths.
  const cachedProjects = new CachedProjectStore({ inner: stores.projects, clock });
  const pipeline = { projects: cachedProjects, tasks: stores.tasks, clock, ids, logger };
  // Record starts follow-up actions on the same runner it runs in, hence the late-bound port.
  const workflowsPort = {
    start: (action: Parameters<LocalStepFunctions['start']>[0]) => workflows.start(action),
  };
  const workflows: LocalStepFunctions = new LocalStepFunctions({
    definition: readDefinition('action'),
    handlers: {
      EvaluateFunctionArn: createEvaluateStep({ killSwitches: stores.killSwitches }),
      ExecuteFunctionArn: createExecuteStep({ integrations }),
      RecordFunctionArn: createRecordStep({ ...pipeline, workflows: workflowsPort }),
    },
    clock,
    logger,
    file: join(dataDir, 'executions.json'),
    retryPauseMs: options.retryPauseMs ?? 200,
  });

  const worker = createWorker({ ...pipeline, workflows: workflowsPort, integrations });
  const poller = new QueuePoller({
    queue,
    handler: worker,
    logger,
    batchSize: INGEST_QUEUE.maxBatchSize,
    concurrency: INGEST_QUEUE.maxConcurrency,
    retryDelaySeconds: options.queueRetryDelaySeconds ?? 2,
  });

  const receiverDeps = {
    projects: cachedProjects,
    secrets: new CachedWebhookSecrets({ inner: secrets, clock, ttlMs: 5_000 }),
    deliveries: stores.deliveries,
    queue,
    clock,
    logger,
  };
  const app = createLocalHttpApp({
    githubReceiver: createGithubReceiver(receiverDeps),
    asanaReceiver: createAsanaReceiver({ ...receiverDeps, handshakes: stores.handshakes }),
    api: createApiApp({ projects: stores.projects, tasks: stores.tasks }),
    ready: async () => ({
      dynamodb: await stores.projects.listProjects().then(
        () => true,
        () => false,
      ),
      queue: true,
    }),
    staticDir: resolve('frontend'),
    ...(options.sandboxUrl ? { sandboxUrl: options.sandboxUrl } : {}),
  });
  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' }, () => resolveServer(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const reconciler = new LocalStepFunctions({
    definition: readDefinition('reconcile'),
    handlers: {
      FindStuckFunctionArn: createFindStuckStep(
        { projects: cachedProjects, tasks: stores.tasks, leases: new DynamoDBLeaseStore(table), clock },
        { windowMs: Math.max(1_000, config.RECONCILE_INTERVAL_MS), staleAfterMs: config.RECONCILE_STALE_MS },
      ),
      RepairFunctionArn: createRepairStep({ ...pipeline, workflows: workflowsPort, integrations }),
      SummaryFunctionArn: createSummaryStep({ logger }),
    },
    clock,
    logger,
    retryPauseMs: options.retryPauseMs ?? 200,
  });
  const reconcileNow = async () => {
    await reconciler.startExecution(`reconcile-${ids.newId()}`, {});
    await reconciler.idle();
  };
  // EventBridge Scheduler's stand-in. A run that finds the window taken ends at once.
  const timer =
    config.RECONCILE_INTERVAL_MS > 0
      ? setInterval(() => void reconcileNow(), config.RECONCILE_INTERVAL_MS)
      : undefined;
  timer?.unref();

  writeRuntimeLock(dataDir);
  const resumed = workflows.resume();
  if (resumed > 0) logger.info('resumed executions after restart', { resumed });
  poller.start();

  return {
    url,
    dataDir,
    dynamo,
    queue,
    workflows,
    secrets,
    stores,
    logger,
    reconcileNow,
    async settle() {
      for (;;) {
        await workflows.idle();
        const depth = queue.depth();
        if (depth.visible === 0 && depth.inFlight === 0) {
          await new Promise((r) => setTimeout(r, 50));
          if (queue.depth().visible === 0 && queue.depth().inFlight === 0) {
            await workflows.idle();
            return;
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      await new Promise<void>((r) => {
        server.close(() => r());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      if (timer) clearInterval(timer);
      reconciler.stop();
      await reconciler.idle();
      await poller.stop();
      workflows.stop();
      await workflows.idle();
      await dynamo.stop();
      removeRuntimeLock(dataDir);
    },
  };
}
