import { ValidationError } from '#core/errors.js';
import type { TaskRef } from '#core/refs.js';
import type { TaskStatus } from '#core/task.js';

/** The table key of one item. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** The gsi1 key of an item that appears in the index. */
export interface IndexKey {
  gsi1pk: string;
  gsi1sk: string;
}

/**
 * Attributes the adapters add to items (`revision`: a project's optimistic-concurrency counter);
 * stripped before an item becomes a domain object.
 */
export const META_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'ttl', 'entity', 'revision'] as const;

export const TASK_PREFIX = 'TASK#';
export const TIMELINE_PREFIX = 'EVENT#';

/** Checks one key part: '#' is the separator, so a part may not contain it (nor be empty). */
function part(value: string, name: string): string {
  if (value.length === 0 || value.includes('#')) {
    throw new ValidationError(`invalid ${name}`, [
      { path: name, message: "must be non-empty and contain no '#'" },
    ]);
  }
  return value;
}

/** The partition holding a project's item, its tasks, references and parked events. */
export function projectPartition(projectId: string): string {
  return `PROJECT#${part(projectId, 'projectId')}`;
}

export function projectKey(projectId: string): ItemKey {
  return { pk: projectPartition(projectId), sk: 'PROJECT' };
}

/** Projects share gsi1 under one partition so that listing them is a query. */
export const PROJECTS_INDEX_PARTITION = 'PROJECTS';

export function projectIndexKey(projectId: string): IndexKey {
  return { gsi1pk: PROJECTS_INDEX_PARTITION, gsi1sk: `PROJECT#${part(projectId, 'projectId')}` };
}

export function slugKey(slug: string): ItemKey {
  return { pk: `SLUG#${part(slug, 'slug')}`, sk: 'SLUG' };
}

export function taskKey(projectId: string, taskId: string): ItemKey {
  return { pk: projectPartition(projectId), sk: `${TASK_PREFIX}${part(taskId, 'taskId')}` };
}

/** The gsi1 partition of a project's tasks in one status. */
export function statusPartition(projectId: string, status: TaskStatus): string {
  return `${projectPartition(projectId)}#STATUS#${part(status, 'status')}`;
}

export function taskIndexKey(projectId: string, status: TaskStatus, taskId: string): IndexKey {
  return { gsi1pk: statusPartition(projectId, status), gsi1sk: `${TASK_PREFIX}${part(taskId, 'taskId')}` };
}

/** A reference as a key fragment, e.g. `ISSUE#owner/repo#12`; repos and SHAs lower-cased. */
export function refId(ref: TaskRef): string {
  switch (ref.kind) {
    case 'asana':
      return `ASANA#${part(ref.gid, 'gid')}`;
    case 'issue':
      return `ISSUE#${part(ref.repo.toLowerCase(), 'repo')}#${ref.number}`;
    case 'pr':
      return `PR#${part(ref.repo.toLowerCase(), 'repo')}#${ref.number}`;
    case 'sha':
      return `SHA#${part(ref.repo.toLowerCase(), 'repo')}#${part(ref.sha.toLowerCase(), 'sha')}`;
  }
}

export function refKey(projectId: string, ref: TaskRef): ItemKey {
  return { pk: projectPartition(projectId), sk: `REF#${refId(ref)}` };
}

export function timelinePartition(projectId: string, taskId: string): string {
  return `TASK#${part(projectId, 'projectId')}#${part(taskId, 'taskId')}`;
}

/** One timeline entry: ordered by time, then position in its batch; the digest tells entries apart. */
export function timelineEntryKey(
  projectId: string,
  taskId: string,
  at: string,
  position: number,
  digest: string,
): ItemKey {
  const nnn = String(position).padStart(3, '0');
  return {
    pk: timelinePartition(projectId, taskId),
    sk: `${TIMELINE_PREFIX}${part(at, 'at')}#${nnn}#${part(digest, 'digest')}`,
  };
}

/** The sort-key prefix of the events parked under one reference (the trailing '#' keeps `#1` from matching `#12`). */
export function parkedEventPrefix(ref: TaskRef): string {
  return `PARK#${refId(ref)}#`;
}

/** A task with an effect waiting for Repair (found by FindStuck whatever the task's status). */
export function repairMarkPartition(projectId: string): string {
  return `REPAIR#${part(projectId, 'projectId')}`;
}

export function repairMarkKey(projectId: string, taskId: string): ItemKey {
  return { pk: repairMarkPartition(projectId), sk: `TASK#${part(taskId, 'taskId')}` };
}

export function parkedEventKey(projectId: string, ref: TaskRef, id: string): ItemKey {
  return { pk: projectPartition(projectId), sk: `${parkedEventPrefix(ref)}${part(id, 'id')}` };
}

export function deliveryKey(projectId: string, deliveryId: string): ItemKey {
  return { pk: `DELIVERY#${part(projectId, 'projectId')}#${part(deliveryId, 'deliveryId')}`, sk: 'DELIVERY' };
}

/** The global kill switch, or a project's when `projectId` is given. */
export function killSwitchKey(scope: { projectId?: string }): ItemKey {
  return {
    pk: 'KILLSWITCH',
    sk: scope.projectId === undefined ? 'GLOBAL' : projectPartition(scope.projectId),
  };
}

export function handshakeKey(projectId: string): ItemKey {
  return { pk: `HANDSHAKE#${part(projectId, 'projectId')}`, sk: 'HANDSHAKE' };
}

/** The partition of a project's policy set versions. */
export function policyPartition(projectId: string): string {
  return `POLICY#${part(projectId, 'projectId')}`;
}

export const POLICY_VERSION_PREFIX = 'VERSION#';

/** One policy set version; zero-padded so versions sort by number. */
export function policyVersionKey(projectId: string, version: number): ItemKey {
  return {
    pk: policyPartition(projectId),
    sk: `${POLICY_VERSION_PREFIX}${String(version).padStart(8, '0')}`,
  };
}

export const APPROVAL_PREFIX = 'APPROVAL#';

export function approvalKey(projectId: string, approvalId: string): ItemKey {
  return { pk: projectPartition(projectId), sk: `${APPROVAL_PREFIX}${part(approvalId, 'approvalId')}` };
}

/** The gsi1 partition of a project's pending approvals (sparse: only pending approvals carry it). */
export function pendingApprovalsPartition(projectId: string): string {
  return `${projectPartition(projectId)}#APPROVALS#PENDING`;
}

/** Escalated approvals sort first (`0`), then by request time. */
export function pendingApprovalIndexKey(
  projectId: string,
  approval: { escalated: boolean; requestedAt: string; approvalId: string },
): IndexKey {
  return {
    gsi1pk: pendingApprovalsPartition(projectId),
    gsi1sk: `${approval.escalated ? '0' : '1'}#${part(approval.requestedAt, 'requestedAt')}#${part(approval.approvalId, 'approvalId')}`,
  };
}

/** A capability token id, recorded once (single use). */
export function usedTokenKey(jti: string): ItemKey {
  return { pk: `JTI#${part(jti, 'jti')}`, sk: 'JTI' };
}

/** The prefix Execute's write grant is limited to (dynamodb:LeadingKeys). */
export const USED_TOKEN_PARTITION_PREFIX = 'JTI#';

/** An audit chain's partition in the audit table. */
export function auditChainPartition(chain: string): string {
  return `CHAIN#${part(chain, 'chain')}`;
}

/** One audit entry; zero-padded so the sort key orders by sequence number. */
export function auditEntryKey(chain: string, seq: number): ItemKey {
  return { pk: auditChainPartition(chain), sk: `SEQ#${String(seq).padStart(12, '0')}` };
}

/** A console user by id. */
export function userKey(userId: string): ItemKey {
  return { pk: `USER#${part(userId, 'userId')}`, sk: 'USER' };
}

/** Users share gsi1 under one partition, sorted by username. */
export const USERS_INDEX_PARTITION = 'USERS';

export function userIndexKey(username: string): IndexKey {
  return { gsi1pk: USERS_INDEX_PARTITION, gsi1sk: `USER#${part(username, 'username')}` };
}

/** The username reference that keeps usernames unique. */
export function usernameKey(username: string): ItemKey {
  return { pk: `USERNAME#${part(username, 'username')}`, sk: 'USERNAME' };
}

/** The one-time first-admin claim. */
export function firstAdminKey(): ItemKey {
  return { pk: 'INIT', sk: 'FIRST_ADMIN' };
}

/** A session, by the hash of its cookie value. */
export function sessionKey(tokenHash: string): ItemKey {
  return { pk: `SESSION#${part(tokenHash, 'tokenHash')}`, sk: 'SESSION' };
}

/** An invite, by its id (the hash of its one-time token). */
export function inviteKey(inviteId: string): ItemKey {
  return { pk: `INVITE#${part(inviteId, 'inviteId')}`, sk: 'INVITE' };
}

/** The gsi1 partition of a project's invites. */
export function projectInvitesPartition(projectId: string): string {
  return `${projectPartition(projectId)}#INVITES`;
}

export function inviteIndexKey(projectId: string, createdAt: string, inviteId: string): IndexKey {
  return {
    gsi1pk: projectInvitesPartition(projectId),
    gsi1sk: `INVITE#${part(createdAt, 'createdAt')}#${part(inviteId, 'inviteId')}`,
  };
}

export const MEMBER_PREFIX = 'MEMBER#';

/** A user's membership, in the project's partition. */
export function membershipKey(projectId: string, userId: string): ItemKey {
  return { pk: projectPartition(projectId), sk: `${MEMBER_PREFIX}${part(userId, 'userId')}` };
}

/** The gsi1 partition listing one user's memberships. */
export function userProjectsPartition(userId: string): string {
  return `USER#${part(userId, 'userId')}#PROJECTS`;
}

export function membershipIndexKey(projectId: string, userId: string): IndexKey {
  return { gsi1pk: userProjectsPartition(userId), gsi1sk: `PROJECT#${part(projectId, 'projectId')}` };
}

/** Failed sign-ins of one account or client (by digest) in one fixed window. */
export function loginFailuresKey(scope: 'account' | 'client', digest: string, window: number): ItemKey {
  return { pk: `LOGINFAIL#${scope}#${part(digest, 'digest')}`, sk: `WINDOW#${window}` };
}

/** Webhook delivery counters of a project, one item per day and source. */
export function webhookHealthPartition(projectId: string): string {
  return `WEBHOOKS#${part(projectId, 'projectId')}`;
}

export const WEBHOOK_DAY_PREFIX = 'DAY#';

export function webhookHealthKey(projectId: string, day: string, source: string): ItemKey {
  return {
    pk: webhookHealthPartition(projectId),
    sk: `${WEBHOOK_DAY_PREFIX}${part(day, 'day')}#${part(source, 'source')}`,
  };
}

/** Asana webhooks Auto-Flow set up, beside the health counters (sorts before `DAY#`, out of AP-85's range). */
export const ASANA_WEBHOOK_PREFIX = 'ASANA_WEBHOOK#';

export function asanaWebhookKey(projectId: string, asanaProjectGid: string): ItemKey {
  return {
    pk: webhookHealthPartition(projectId),
    sk: `${ASANA_WEBHOOK_PREFIX}${part(asanaProjectGid, 'asanaProjectGid')}`,
  };
}

export const IMPORT_PREFIX = 'IMPORT#';

/** An "Import from Asana" job, in the project's partition (ULID ids: newest last). */
export function importJobKey(projectId: string, jobId: string): ItemKey {
  return { pk: projectPartition(projectId), sk: `${IMPORT_PREFIX}${part(jobId, 'jobId')}` };
}

/** A run-per-window lease (reconciler). */
export function leaseKey(name: string, window: string): ItemKey {
  return { pk: `LEASE#${part(name, 'lease name')}`, sk: `WINDOW#${part(window, 'window')}` };
}

/** A named cursor (reconciler high-water marks). */
export function cursorKey(name: string): ItemKey {
  return { pk: `CURSOR#${part(name, 'cursor name')}`, sk: 'CURSOR' };
}

/** A project API token, by the digest of its secret (authentication is one GetItem). */
export function apiTokenKey(secretDigest: string): ItemKey {
  return { pk: `APITOKEN#${part(secretDigest, 'secretDigest')}`, sk: 'APITOKEN' };
}

/** The gsi1 partition listing a project's API tokens. */
export function projectApiTokensPartition(projectId: string): string {
  return `${projectPartition(projectId)}#APITOKENS`;
}

/** A token in its project's list; ULID ids sort by creation. */
export function apiTokenIndexKey(projectId: string, tokenId: string): IndexKey {
  return { gsi1pk: projectApiTokensPartition(projectId), gsi1sk: `APITOKEN#${part(tokenId, 'tokenId')}` };
}

/** An idempotency key of the external API, per principal scope, by the digest of the key. */
export function idempotencyKey(scope: string, keyDigest: string): ItemKey {
  return { pk: `IDEMPOTENCY#${part(scope, 'scope')}#${part(keyDigest, 'keyDigest')}`, sk: 'IDEMPOTENCY' };
}

/** A project's pre-aggregated analytics: one status-count item and one item per UTC day. */
export function analyticsPartition(projectId: string): string {
  return `ANALYTICS#${part(projectId, 'projectId')}`;
}

export function analyticsStatusKey(projectId: string): ItemKey {
  return { pk: analyticsPartition(projectId), sk: 'STATUS' };
}

export const ANALYTICS_DAY_PREFIX = 'DAY#';

export function analyticsDayKey(projectId: string, day: string): ItemKey {
  return { pk: analyticsPartition(projectId), sk: `${ANALYTICS_DAY_PREFIX}${part(day, 'day')}` };
}

/** "This task reached this funnel stage", in the task's timeline partition: written once, so counted once. */
export function stageMarkerKey(projectId: string, taskId: string, stage: string): ItemKey {
  return { pk: timelinePartition(projectId, taskId), sk: `STAGE#${part(stage, 'stage')}` };
}

/** The partition of a project's triggers: heads, immutable versions and built-in switches. */
export function triggerPartition(projectId: string): string {
  return `TRIGGER#${part(projectId, 'projectId')}`;
}

export const TRIGGER_HEAD_PREFIX = 'HEAD#';
export const BUILT_IN_SWITCH_PREFIX = 'BUILTIN#';

/** The active version and switch of a user trigger. */
export function triggerHeadKey(projectId: string, triggerId: string): ItemKey {
  return { pk: triggerPartition(projectId), sk: `${TRIGGER_HEAD_PREFIX}${part(triggerId, 'triggerId')}` };
}

/** The sort-key prefix of one trigger's versions (the trailing '#' keeps `a` from matching `ab`). */
export function triggerVersionPrefix(triggerId: string): string {
  return `VERSION#${part(triggerId, 'triggerId')}#`;
}

/** One immutable trigger version; zero-padded so versions sort by number. */
export function triggerVersionKey(projectId: string, triggerId: string, version: number): ItemKey {
  return {
    pk: triggerPartition(projectId),
    sk: `${triggerVersionPrefix(triggerId)}${String(version).padStart(8, '0')}`,
  };
}

/** A built-in trigger's stored switch. */
export function builtInSwitchKey(projectId: string, triggerId: string): ItemKey {
  return { pk: triggerPartition(projectId), sk: `${BUILT_IN_SWITCH_PREFIX}${part(triggerId, 'triggerId')}` };
}

/** A project's budget counters for one UTC day (`2026-11-25`). */
export function budgetKey(projectId: string, day: string): ItemKey {
  return { pk: `BUDGET#${part(projectId, 'projectId')}`, sk: `DAY#${part(day, 'day')}` };
}

/** Every project's integration health in one partition: `/readyz` reads them all with one query. */
export const INTEGRATION_HEALTH_PARTITION = 'INTEGRATION_HEALTH';

export function integrationHealthKey(projectId: string): ItemKey {
  return { pk: INTEGRATION_HEALTH_PARTITION, sk: `PROJECT#${part(projectId, 'projectId')}` };
}
