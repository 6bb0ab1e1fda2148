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

/** Attributes the adapters add to every item; stripped before an item becomes a domain object. */
export const META_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'ttl', 'entity'] as const;

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
