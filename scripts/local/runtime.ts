import '#lambdas/polyfills.js';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ensureAuditTable } from '#adapters/aws/create-audit-table.js';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBDeliveryLog } from '#adapters/aws/dynamodb-delivery-log.js';
import { DynamoDBAsanaWebhookRegistry } from '#adapters/aws/dynamodb-asana-webhook-registry.js';
import { DynamoDBHandshakeStore } from '#adapters/aws/dynamodb-handshake-store.js';
import { DynamoDBIntegrationHealthStore } from '#adapters/aws/dynamodb-integration-health-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { DynamoDBWebhookHealthStore } from '#adapters/aws/dynamodb-webhook-health-store.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { CachedTriggerSource } from '#adapters/cached-trigger-source.js';
import { CachedWebhookSecrets } from '#adapters/cached-webhook-secrets.js';
import { EncryptedFileSecrets } from '#adapters/local/encrypted-file-secrets.js';
import { LocalDeadLetters } from '#adapters/local/local-dead-letters.js';
import { LocalJobQueueHealth } from '#adapters/local/local-job-queue-health.js';
import { LocalQueue } from '#adapters/local/local-queue.js';
import type { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import { QueuePoller } from '#adapters/local/queue-poller.js';
import { systemClock, ulidIds } from '#adapters/system.js';
import { TokenIntegrations } from '#adapters/token-integrations.js';
import { INGEST_QUEUE } from '#adapters/aws/schema.js';
import { analyticsRoutes } from '#lambdas/api/routes/analytics.js';
import { createApprovalsRoutes } from '#lambdas/api/routes/approvals.js';
import { createTriggersRoutes } from '#lambdas/api/routes/triggers.js';
import { observeDeliveries } from '#lambdas/api/webhook-health.js';
import {
  integrationFactories,
  type IntegrationEndpoints,
} from '#lambdas/composition/integration-factories.js';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';
import { createWorker } from '#lambdas/functions/worker.js';
import type { Logger } from '#lambdas/ports.js';
import { decideApproval, type DecideApprovalInput } from '#lambdas/app/decide-approval.js';
import { releaseHeldActions, setKillSwitch } from '#lambdas/app/set-kill-switch.js';
import type { Approval } from '#core/approval/approval.js';
import type { PolicySetVersion } from '#core/policy/policy-set.js';
import { StoredPolicySource } from '#adapters/stored-policy-source.js';
import { shippedDefaultPolicies } from '#adapters/cedar/shipped-policies.js';
import { savePolicySet } from '#lambdas/app/save-policy-set.js';
import {
  auditTableOf,
  createLocalActionMachine,
  sharedCedarEngine,
  type LocalActionMachine,
} from './action-machine.js';
import { createControlApp, newControlToken, removeControlFile, writeControlFile } from './control.js';
import type { LocalConfig } from './config.js';
import { createLocalConsoleApi, type LocalConsoleApi } from './console-api.js';
import { consoleLogger } from './console-logger.js';
import { createLocalHttpApp } from './http-app.js';
import { localReadiness } from './readiness.js';
import { tokenWebhookAdmin } from '#lambdas/composition/console-webhooks.js';
import { startLocalDynamoDB, type LocalDynamoDB } from './local-dynamodb.js';
import { startLocalReconciler } from './local-reconciler.js';
import { removeRuntimeLock, writeRuntimeLock } from './runtime-lock.js';

/** Options of the local stack beyond its configuration. */
export interface LocalStackOptions {
  config: LocalConfig;
  logger?: Logger;
  /** Wraps the worker as the queue poller calls it (the chaos runner crashes it mid-batch). */
  wrapWorker?: (
    worker: (event: SQSEvent) => Promise<SQSBatchResponse>,
  ) => (event: SQSEvent) => Promise<SQSBatchResponse>;
  /** Pause between state machine retries, in ms (ASL seconds are kept on AWS). @default 200 */
  retryPauseMs?: number;
  /** Seconds a failed queue message waits before the next receive. @default 2 */
  queueRetryDelaySeconds?: number;
  /** Where the integrations live (sandbox or real APIs). */
  integrations: IntegrationEndpoints;
  /** Sandbox base URL, proxied under /sandbox for the console. */
  sandboxUrl?: string;
  /** How long an approval wait lasts locally, in ms. @default the ASL's TimeoutSeconds */
  approvalTimeoutMs?: number;
}

/** The running local stack: the same handlers and ASL as on AWS, with local stand-ins around them. */
export interface LocalStack {
  url: string;
  dataDir: string;
  dynamo: LocalDynamoDB;
  queue: LocalQueue;
  workflows: LocalStepFunctions;
  /** The action machine's policy, approval, audit and signing parts. */
  actions: LocalActionMachine;
  /** Approvals as the API and the CLI use them (in process, for the simulator and tests). */
  approvals: {
    listPending(projectId: string): Promise<Approval[]>;
    decide(input: DecideApprovalInput): Promise<Approval>;
  };
  /** Saves a project's policy set (validated against the schema) and applies it at once. */
  savePolicySet(input: {
    projectId: string;
    text: string;
    by: string;
    comment?: string;
  }): Promise<PolicySetVersion>;
  /** Turns a kill switch on or off (audited); off releases held actions. */
  setKillSwitch(input: { projectId?: string; on: boolean; by: string }): Promise<{ released: number }>;
  secrets: EncryptedFileSecrets;
  /** The console API: its first-admin token and webhook health store. */
  console: LocalConsoleApi;
  stores: {
    projects: DynamoDBProjectStore;
    tasks: DynamoDBTaskStore;
    deliveries: DynamoDBDeliveryLog;
    killSwitches: DynamoDBKillSwitchStore;
    handshakes: DynamoDBHandshakeStore;
    asanaWebhooks: DynamoDBAsanaWebhookRegistry;
    analytics: DynamoDBAnalyticsStore;
    integrationHealth: DynamoDBIntegrationHealthStore;
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
  await ensureAuditTable(dynamo.client, auditTableOf(dynamo.tableName));
  const table = { client: dynamo.doc, tableName: dynamo.tableName };
  const stores = {
    projects: new DynamoDBProjectStore(table),
    tasks: new DynamoDBTaskStore(table),
    deliveries: new DynamoDBDeliveryLog(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    handshakes: new DynamoDBHandshakeStore(table),
    asanaWebhooks: new DynamoDBAsanaWebhookRegistry(table),
    analytics: new DynamoDBAnalyticsStore(table),
    triggers: new DynamoDBTriggerStore(table),
    integrationHealth: new DynamoDBIntegrationHealthStore(table),
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
  // User triggers fire from decide wherever events are applied: worker, console commands, repairs.
  const pipeline = {
    projects: cachedProjects,
    tasks: stores.tasks,
    analytics: stores.analytics,
    triggers: new CachedTriggerSource({ inner: stores.triggers, clock }),
    clock,
    ids,
    logger,
  };
  const actions = createLocalActionMachine({
    doc: dynamo.doc,
    tableName: dynamo.tableName,
    auditTableName: auditTableOf(dynamo.tableName),
    projects: cachedProjects,
    tasks: stores.tasks,
    integrations,
    clock,
    ids,
    logger,
    signingDir: join(dataDir, 'signing'),
    triggerSecrets: secrets.triggerSecrets,
    file: join(dataDir, 'executions.json'),
    retryPauseMs: options.retryPauseMs ?? 200,
    ...(options.approvalTimeoutMs !== undefined ? { taskTokenTimeoutMs: options.approvalTimeoutMs } : {}),
  });
  const { workflows, workflowsPort } = actions;

  const worker = createWorker({ ...pipeline, workflows: workflowsPort, integrations, queue });
  const poller = new QueuePoller({
    queue,
    handler: options.wrapWorker ? options.wrapWorker(worker) : worker,
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
  let url = '';
  const jobs = new LocalJobQueueHealth({ queue, clock });
  const consoleApi = createLocalConsoleApi({
    config,
    dataDir,
    table,
    projects: cachedProjects,
    tasks: stores.tasks,
    killSwitches: stores.killSwitches,
    deadLetters: new LocalDeadLetters(queue),
    audit: actions.stores.audit,
    secrets,
    asanaBaseUrl: options.integrations.asanaBaseUrl,
    githubBaseUrl: options.integrations.githubBaseUrl,
    handshakes: stores.handshakes,
    asanaWebhooks: stores.asanaWebhooks,
    pipeline: { ...pipeline, workflows: workflowsPort },
    clock,
    ids,
    logger,
    url: () => url,
    mounts: {
      '/approvals': createApprovalsRoutes({
        approvals: actions.stores.approvals,
        tasks: stores.tasks,
        taskTokens: actions.taskTokens,
        audit: actions.stores.audit,
        clock,
      }),
      '/analytics': analyticsRoutes({
        analytics: stores.analytics,
        tasks: stores.tasks,
        webhookHealth: new DynamoDBWebhookHealthStore(table),
        jobs,
        clock,
      }),
      '/triggers': createTriggersRoutes({
        triggers: stores.triggers,
        killSwitches: stores.killSwitches,
        triggerSecrets: secrets.triggerSecrets,
        tasks: stores.tasks,
        workflows: workflowsPort,
        audit: actions.stores.audit,
        clock,
        ids,
      }),
    },
    v1: {
      policies: actions.stores.policies,
      policyValidator: sharedCedarEngine(),
      defaultPolicyText: shippedDefaultPolicies,
      onPolicySaved: (projectId) => {
        if (actions.policySource instanceof StoredPolicySource) actions.policySource.forget(projectId);
      },
      approvals: actions.stores.approvals,
      taskTokens: actions.taskTokens,
      analytics: stores.analytics,
      jobs,
      triggers: stores.triggers,
      triggerSecrets: secrets.triggerSecrets,
    },
  });
  const health = { health: consoleApi.webhookHealth, clock, logger };
  const asanaReceiver = createAsanaReceiver({ ...receiverDeps, handshakes: stores.handshakes });
  const app = createLocalHttpApp({
    githubReceiver: observeDeliveries(createGithubReceiver(receiverDeps), { ...health, source: 'github' }),
    asanaReceiver: observeDeliveries(asanaReceiver, { ...health, source: 'asana' }),
    api: consoleApi.api,
    ready: localReadiness({ queue, secrets, health: stores.integrationHealth }),
    staticDir: resolve('frontend', 'dist'),
    ...(options.sandboxUrl ? { sandboxUrl: options.sandboxUrl } : {}),
  });
  const approvalDeps = {
    approvals: actions.stores.approvals,
    tasks: stores.tasks,
    taskTokens: actions.taskTokens,
    audit: actions.stores.audit,
    clock,
  };
  const killSwitchDeps = {
    killSwitches: stores.killSwitches,
    projects: cachedProjects,
    audit: actions.stores.audit,
    clock,
    logger,
    pipeline: { ...pipeline, workflows: workflowsPort },
  };
  const controlToken = newControlToken();
  app.route('/local/control', createControlApp(controlToken, { ...approvalDeps, ...killSwitchDeps }));
  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' }, () => resolveServer(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const reconciler = startLocalReconciler({
    table,
    pipeline: { ...pipeline, workflows: workflowsPort },
    integrations,
    health: stores.integrationHealth,
    audit: actions.stores.audit,
    webhookAdmin: tokenWebhookAdmin({
      tokens: secrets.tokens,
      webhookSecrets: secrets,
      handshakes: stores.handshakes,
      registry: stores.asanaWebhooks,
      githubBaseUrl: options.integrations.githubBaseUrl,
      asanaBaseUrl: options.integrations.asanaBaseUrl,
    }),
    webhookBaseUrl: `${url}/webhooks`,
    intervalMs: config.RECONCILE_INTERVAL_MS,
    staleAfterMs: config.RECONCILE_STALE_MS,
    retryPauseMs: options.retryPauseMs ?? 200,
  });

  writeRuntimeLock(dataDir);
  writeControlFile(dataDir, { url, token: controlToken });
  const resumed = workflows.resume();
  if (resumed > 0) logger.info('resumed executions after restart', { resumed });
  // A kill switch turned off while the runtime was down (`npm run killswitch` offline): held actions go now.
  for (const project of await stores.projects.listProjects())
    await releaseHeldActions(project.projectId, killSwitchDeps);
  poller.start();

  return {
    url,
    dataDir,
    dynamo,
    queue,
    workflows,
    actions,
    approvals: {
      listPending: (projectId) => actions.stores.approvals.listPendingApprovals(projectId),
      decide: (input) => decideApproval(input, approvalDeps),
    },
    setKillSwitch: (input) => setKillSwitch(input, killSwitchDeps),
    async savePolicySet(input) {
      const saved = await savePolicySet(input, {
        policies: actions.stores.policies,
        validator: sharedCedarEngine(),
        audit: actions.stores.audit,
        clock,
      });
      if (actions.policySource instanceof StoredPolicySource) actions.policySource.forget(input.projectId);
      return saved;
    },
    secrets,
    console: consoleApi,
    stores,
    logger,
    reconcileNow: reconciler.reconcileNow,
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
      await reconciler.stop();
      await poller.stop();
      workflows.stop();
      await workflows.idle();
      await dynamo.stop();
      removeRuntimeLock(dataDir);
      removeControlFile(dataDir);
    },
  };
}
