import type { FaultLog } from './fault-log.js';
import type { Faults } from './faults.js';
import type { Scheduler } from './scheduler.js';
import type { IssueRecord, PullRecord } from './state.js';
import type { SandboxStore } from './store.js';
import type { WebhookFaults } from './webhook-faults.js';
import type { WebhookSender } from './webhook-sender.js';

export interface SandboxTimings {
  agentDelayMs: number;
  mergeDelayMs: number;
  ciDelayMs: number;
}

/** What every part of the sandbox shares. */
export interface SandboxContext {
  store: SandboxStore;
  scheduler: Scheduler;
  sender: WebhookSender;
  /** API faults ("next N calls" and seeded rates) and the chaos config. */
  faults: Faults;
  /** Webhook faults drawn from the chaos config. */
  webhookFaults: WebhookFaults;
  /** Where every injected fault is recorded. */
  faultLog: FaultLog;
  tokens: { github: string; asana: string };
  /** Services whose token the sandbox refuses as revoked (401), as after a PAT is revoked or expires. */
  revokedTokens: Set<'github' | 'asana'>;
  timings: SandboxTimings;
  startedAt: number;
  /** Set once the server listens (the port may be random). */
  urls: { base: string };
  /** Listeners: the simulated agent reacts to new issues, simulated CI to merges. */
  on: { issueOpened: ((issue: IssueRecord) => void)[]; pullMerged: ((pr: PullRecord) => void)[] };
}

/** GitHub timestamps: ISO 8601 without milliseconds. */
export function githubTime(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Asana timestamps: ISO 8601 with milliseconds. */
export function asanaTime(ms: number = Date.now()): string {
  return new Date(ms).toISOString();
}
