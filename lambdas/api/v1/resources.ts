import { analyticsOperations } from './analytics.js';
import { approvalOperations } from './approvals.js';
import { contactOperations } from './contacts.js';
import type { ApiV1Deps } from './deps.js';
import { linkOperations } from './links.js';
import { noteOperations } from './notes.js';
import type { AnyOperation } from './operation.js';
import { policyOperations } from './policies.js';
import { projectOperations } from './project.js';
import { repoOperations } from './repos.js';
import { taskActionOperations } from './task-actions.js';
import { taskOperations } from './tasks.js';
import { tokenOperations } from './tokens.js';
import { triggerOperations } from './triggers.js';

/** One entry per resource file: a new resource (e.g. triggers) is a file exporting `(deps) => operations` plus a line here. */
export const V1_RESOURCES: readonly ((deps: ApiV1Deps) => AnyOperation[])[] = [
  projectOperations,
  repoOperations,
  linkOperations,
  contactOperations,
  noteOperations,
  policyOperations,
  taskOperations,
  taskActionOperations,
  approvalOperations,
  analyticsOperations,
  tokenOperations,
  triggerOperations,
];

/** Every operation of /api/v1. */
export function v1Operations(deps: ApiV1Deps): AnyOperation[] {
  return V1_RESOURCES.flatMap((resource) => resource(deps));
}
