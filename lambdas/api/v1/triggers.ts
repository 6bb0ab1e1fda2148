import { z } from 'zod';
import { tokenPrincipalId } from '#core/api-tokens/api-token.js';
import { TriggerIdSchema } from '#core/triggers/trigger.js';
import { saveTrigger, type TriggerAdminDeps } from '#lambdas/app/triggers/save-trigger.js';
import { switchTrigger } from '#lambdas/app/triggers/switch-trigger.js';
import { startManualRun, type ManualRunDeps } from '../triggers/start-manual-run.js';
import {
  CreateTriggerBodySchema,
  StartTriggerBodySchema,
  SwitchTriggerBodySchema,
  TriggerDefinitionDocSchema,
  UpdateTriggerBodySchema,
} from '../triggers/trigger-bodies.js';
import {
  readTriggerDetail,
  readTriggerList,
  StartedRunSchema,
  TriggerDetailSchema,
  TriggerListSchema,
  userTriggerView,
  UserTriggerViewSchema,
} from '../views/trigger-view.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';
import { triggerBodyExamples } from './trigger-examples.js';

const TriggerParamsSchema = z.object({ triggerId: TriggerIdSchema });
// The console's bodies, with the definition's structure stated (and checked) in the body itself.
const CreateBodySchema = CreateTriggerBodySchema.extend({ definition: TriggerDefinitionDocSchema });
const VersionBodySchema = UpdateTriggerBodySchema.extend({ definition: TriggerDefinitionDocSchema });
const SavedSchema = z.object({ trigger: UserTriggerViewSchema });

/**
 * The trigger registry of the token's project, through the same use cases as the console. A token
 * acts as its own principal (`token:<id>`) in the audit, in `savedBy`/`changedBy`, and as the
 * requester of a manual run. Secrets are write-only: a response says only whether one is set.
 */
export function triggerOperations(deps: ApiV1Deps): AnyOperation[] {
  const admin: TriggerAdminDeps = deps;
  // Resolved per call: the document is built from operations without any ports behind them.
  const runs = (): ManualRunDeps => ({ ...deps, workflows: deps.pipeline.workflows });
  return [
    operation({
      method: 'get',
      path: '/triggers',
      operationId: 'listTriggers',
      summary: 'The built-in triggers with their switches, and the user triggers (active versions)',
      tag: 'triggers',
      role: 'viewer',
      response: TriggerListSchema,
      handler: async ({ bearer }) => readTriggerList(bearer.project.projectId, deps),
    }),
    operation({
      method: 'get',
      path: '/triggers/{triggerId}',
      operationId: 'getTrigger',
      summary: 'One trigger with its saved versions, newest first (a built-in has none)',
      tag: 'triggers',
      role: 'viewer',
      params: TriggerParamsSchema,
      response: TriggerDetailSchema,
      handler: async ({ bearer, params }) =>
        readTriggerDetail(bearer.project.projectId, params.triggerId, deps),
    }),
    operation({
      method: 'post',
      path: '/triggers',
      operationId: 'createTrigger',
      summary:
        'Creates a user trigger as version 1 (422 when the id is taken or the template is invalid; 409 for a built-in id)',
      tag: 'triggers',
      role: 'admin',
      body: CreateBodySchema,
      examples: triggerBodyExamples.create,
      status: 201,
      response: SavedSchema,
      errors: [409],
      handler: async ({ bearer, body }) => {
        const saved = await saveTrigger(
          {
            projectId: bearer.project.projectId,
            triggerId: body.id,
            definition: body.definition,
            baseVersion: undefined,
            ...(body.secret !== undefined && { secret: body.secret }),
            ...(body.enabled !== undefined && { enabled: body.enabled }),
            by: tokenPrincipalId(bearer.tokenId),
          },
          admin,
        );
        return { trigger: await userTriggerView(saved, deps) };
      },
    }),
    operation({
      method: 'post',
      path: '/triggers/{triggerId}/versions',
      operationId: 'createTriggerVersion',
      summary:
        'Saves a new version and makes it active; `baseVersion` is the active version it was edited from (409 when stale)',
      tag: 'triggers',
      role: 'admin',
      params: TriggerParamsSchema,
      body: VersionBodySchema,
      examples: triggerBodyExamples.version,
      status: 201,
      response: SavedSchema,
      errors: [409],
      handler: async ({ bearer, params, body }) => {
        const saved = await saveTrigger(
          {
            projectId: bearer.project.projectId,
            triggerId: params.triggerId,
            definition: body.definition,
            baseVersion: body.baseVersion,
            ...(body.secret !== undefined && { secret: body.secret }),
            by: tokenPrincipalId(bearer.tokenId),
          },
          admin,
        );
        return { trigger: await userTriggerView(saved, deps) };
      },
    }),
    operation({
      method: 'put',
      path: '/triggers/{triggerId}/enabled',
      operationId: 'setTriggerEnabled',
      summary: 'Enables or disables a trigger, user or built-in (409 when disabling a required built-in)',
      tag: 'triggers',
      role: 'admin',
      params: TriggerParamsSchema,
      body: SwitchTriggerBodySchema,
      examples: triggerBodyExamples.switch,
      response: z.object({ triggerId: z.string(), enabled: z.boolean() }),
      errors: [409],
      handler: async ({ bearer, params, body }) => {
        await switchTrigger(
          {
            projectId: bearer.project.projectId,
            triggerId: params.triggerId,
            enabled: body.enabled,
            by: tokenPrincipalId(bearer.tokenId),
          },
          admin,
        );
        return { triggerId: params.triggerId, enabled: body.enabled };
      },
    }),
    operation({
      method: 'post',
      path: '/triggers/{triggerId}/start',
      operationId: 'startTrigger',
      summary:
        'Runs a user trigger by hand with its inputs, through the action machine (422 naming the input; 409 when disabled, built-in or the kill switch is on)',
      tag: 'triggers',
      role: 'editor',
      params: TriggerParamsSchema,
      body: StartTriggerBodySchema,
      examples: triggerBodyExamples.start,
      status: 202,
      response: StartedRunSchema,
      errors: [409],
      handler: async ({ bearer, params, body }) => {
        const action = await startManualRun(
          bearer.project,
          params.triggerId,
          body,
          {
            userId: bearer.principal.userId,
            username: bearer.principal.username,
            actor: tokenPrincipalId(bearer.tokenId),
          },
          runs(),
        );
        return { actionId: action.actionId, taskId: action.taskId, params: action.params };
      },
    }),
  ];
}
