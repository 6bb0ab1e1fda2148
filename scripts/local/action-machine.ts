import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBAnalyticsStore } from '#adapters/aws/dynamodb-analytics-store.js';
import { DynamoDBApprovalStore } from '#adapters/aws/dynamodb-approval-store.js';
import { DynamoDBAuditLog } from '#adapters/aws/dynamodb-audit-log.js';
import { DynamoDBBudgetStore } from '#adapters/aws/dynamodb-budget-store.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBPolicyStore } from '#adapters/aws/dynamodb-policy-store.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { DynamoDBUsedTokens } from '#adapters/aws/dynamodb-used-tokens.js';
import { CachedTriggerSource } from '#adapters/cached-trigger-source.js';
import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { CedarPolicyDecisionPoint } from '#adapters/cedar/cedar-policy-decision-point.js';
import { shippedDefaultPolicies, shippedSchema } from '#adapters/cedar/shipped-policies.js';
import { Es256CapabilityTokens } from '#adapters/es256-capability-tokens.js';
import { LocalKeySigner } from '#adapters/local/local-key-signer.js';
import { NodeOutboundWebhooks } from '#adapters/http/node-outbound-webhooks.js';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import { StoredPolicySource } from '#adapters/stored-policy-source.js';
import {
  createApprovalStep,
  createAuthorizeStep,
  createEvaluateStep,
  createExecuteStep,
  createRecordStep,
} from '#lambdas/functions/action-steps.js';
import { budgetsOf } from '#lambdas/app/budgets-of.js';
import type { Action } from '#core/actions.js';
import type {
  Clock,
  Ids,
  Integrations,
  Logger,
  Notifier,
  OutboundWebhooks,
  PolicySource,
  ProjectStore,
  TaskStore,
  TriggerSecrets,
} from '#lambdas/ports.js';
import { readDefinition } from '../../statemachines/load.js';

/** What the local action machine is built from. */
export interface LocalActionMachineOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  auditTableName: string;
  projects: ProjectStore;
  tasks: TaskStore;
  integrations: Integrations;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Folder of the local signing keys (mode 0700, keys 0600). */
  signingDir: string;
  /** @default the project's stored policy set, else policies/default.cedar */
  policies?: PolicySource;
  notifier?: Notifier;
  /** Per-trigger secrets (the encrypted local file). */
  triggerSecrets: TriggerSecrets;
  /** @default node http(s), private addresses allowed (the sandbox's sink is on localhost) */
  outbound?: OutboundWebhooks;
  /** Executions file, so running (and waiting) executions resume after a restart. */
  file?: string;
  retryPauseMs?: number;
  taskTokenTimeoutMs?: number;
  concurrency?: number;
}

/** The local audit table's name, beside the main table. */
export function auditTableOf(mainTableName: string): string {
  return `${mainTableName}-audit`;
}

let engine: CedarEngine | undefined;

/** One Cedar engine per process (the schema is preparsed once). */
export function sharedCedarEngine(): CedarEngine {
  return (engine ??= new CedarEngine(shippedSchema()));
}

/**
 * The action state machine on the local runner, every Task bound to the same step function the Lambda
 * runs, with local stand-ins only where AWS differs: a key file for KMS, the runner for SendTaskSuccess.
 */
export function createLocalActionMachine(options: LocalActionMachineOptions) {
  const { doc, tableName, clock, ids, logger } = options;
  const table = { client: doc, tableName };
  const stores = {
    approvals: new DynamoDBApprovalStore(table),
    policies: new DynamoDBPolicyStore(table),
    usedTokens: new DynamoDBUsedTokens(table),
    killSwitches: new DynamoDBKillSwitchStore(table),
    triggers: new DynamoDBTriggerStore(table),
    budgets: new DynamoDBBudgetStore(table),
    audit: new DynamoDBAuditLog({ client: doc, tableName: options.auditTableName }),
  };
  const policySource =
    options.policies ??
    new StoredPolicySource({ store: stores.policies, defaultText: shippedDefaultPolicies(), clock });
  const pdp = new CedarPolicyDecisionPoint({ engine: sharedCedarEngine(), policies: policySource });
  const signer = new LocalKeySigner({ dir: options.signingDir });
  const tokens = new Es256CapabilityTokens({ signer, publicKeys: signer });
  const notifier: Notifier = options.notifier ?? {
    notify: async (message) => logger.warn('notification', { ...message }),
  };
  // Record starts follow-up actions and approvals answer waits on the same runner, hence late binding.
  const workflowsPort = {
    start: (action: Action) => workflows.start(action),
  };
  const taskTokens = {
    succeed: (token: string, output: unknown) => workflows.succeed(token, output),
    fail: (token: string, error: string, cause: string) => workflows.fail(token, error, cause),
  };
  const analytics = new DynamoDBAnalyticsStore(table);
  const pipeline = {
    projects: options.projects,
    tasks: options.tasks,
    analytics,
    triggers: new CachedTriggerSource({ inner: stores.triggers, clock }),
    clock,
    ids,
    logger,
  };
  const workflows: LocalStepFunctions = new LocalStepFunctions({
    definition: readDefinition('action'),
    handlers: {
      EvaluateFunctionArn: createEvaluateStep({
        killSwitches: stores.killSwitches,
        projects: options.projects,
        pdp,
        audit: stores.audit,
        clock,
        budgets: budgetsOf(stores.budgets),
      }),
      ApprovalFunctionArn: createApprovalStep({
        approvals: stores.approvals,
        tasks: options.tasks,
        taskTokens,
        audit: stores.audit,
        notifier,
        clock,
      }),
      AuthorizeFunctionArn: createAuthorizeStep({
        approvals: stores.approvals,
        killSwitches: stores.killSwitches,
        tokens,
        audit: stores.audit,
        clock,
        ids,
      }),
      ExecuteFunctionArn: createExecuteStep({
        integrations: options.integrations,
        tokens,
        usedTokens: stores.usedTokens,
        audit: stores.audit,
        clock,
        outbound: options.outbound ?? new NodeOutboundWebhooks({ allowPrivate: true }),
        triggerSecrets: options.triggerSecrets,
      }),
      RecordFunctionArn: createRecordStep({
        ...pipeline,
        workflows: workflowsPort,
        approvals: stores.approvals,
        audit: stores.audit,
        budgets: stores.budgets,
        killSwitches: stores.killSwitches,
      }),
    },
    clock,
    logger,
    ...(options.file ? { file: options.file } : {}),
    ...(options.retryPauseMs !== undefined ? { retryPauseMs: options.retryPauseMs } : {}),
    ...(options.taskTokenTimeoutMs !== undefined ? { taskTokenTimeoutMs: options.taskTokenTimeoutMs } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  return { workflows, workflowsPort, taskTokens, stores, pdp, signer, tokens, policySource };
}
export type LocalActionMachine = ReturnType<typeof createLocalActionMachine>;
