import { z } from 'zod';
import { NotFoundError } from '#core/errors.js';
import { PolicySetVersionSchema, versionName } from '#core/policy/policy-set.js';
import { savePolicySet } from '#lambdas/app/save-policy-set.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';

const VersionViewSchema = PolicySetVersionSchema.omit({ projectId: true });
const ActiveSchema = z.object({
  /** `v3`, or `default` while the project has saved no set. */
  version: z.string(),
  text: z.string(),
  savedBy: z.string().nullable(),
  savedAt: z.string().nullable(),
});
const SavePolicySchema = z.strictObject({
  text: z.string().min(1).max(100_000),
  comment: z.string().max(500).optional(),
});
const VersionParamsSchema = z.object({ version: z.coerce.number().int().min(1).max(99_999_999) });

const view = ({ projectId: _p, ...v }: z.output<typeof PolicySetVersionSchema>) => v;

/** The project's Cedar policy set: the one in force, its versions, and saving a new version. */
export function policyOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/policies/active',
      operationId: 'getActivePolicy',
      summary: 'The policy set in force (the latest version, else the shipped default)',
      tag: 'policies',
      role: 'viewer',
      response: ActiveSchema,
      handler: async ({ bearer }) => {
        const latest = await deps.policies.latestPolicySet(bearer.project.projectId);
        return latest
          ? {
              version: versionName(latest.version),
              text: latest.text,
              savedBy: latest.savedBy,
              savedAt: latest.savedAt,
            }
          : { version: versionName(undefined), text: deps.defaultPolicyText(), savedBy: null, savedAt: null };
      },
    }),
    operation({
      method: 'get',
      path: '/policies/versions',
      operationId: 'listPolicyVersions',
      summary: 'Every saved version, newest first',
      tag: 'policies',
      role: 'viewer',
      response: z.object({ items: z.array(VersionViewSchema) }),
      handler: async ({ bearer }) => ({
        items: (await deps.policies.listPolicySets(bearer.project.projectId)).map(view),
      }),
    }),
    operation({
      method: 'get',
      path: '/policies/versions/{version}',
      operationId: 'getPolicyVersion',
      summary: 'One saved version',
      tag: 'policies',
      role: 'viewer',
      params: VersionParamsSchema,
      response: VersionViewSchema,
      handler: async ({ bearer, params }) => {
        const all = await deps.policies.listPolicySets(bearer.project.projectId);
        const found = all.find((v) => v.version === params.version);
        if (!found) throw new NotFoundError(`No policy version ${params.version}`);
        return view(found);
      },
    }),
    operation({
      method: 'post',
      path: '/policies/versions',
      operationId: 'savePolicyVersion',
      summary:
        "Validates a Cedar policy set against the schema and saves it as the next version (422 with Cedar's errors)",
      tag: 'policies',
      role: 'admin',
      body: SavePolicySchema,
      examples: {
        valid: [{ text: 'permit (principal, action, resource);', comment: 'open' }],
        invalid: [{}, { text: '' }, { text: 'x', extra: 1 }],
      },
      status: 201,
      response: VersionViewSchema,
      handler: async ({ bearer, body }) => {
        const saved = await savePolicySet(
          {
            projectId: bearer.project.projectId,
            text: body.text,
            by: bearer.principal.userId,
            ...(body.comment !== undefined && { comment: body.comment }),
          },
          { policies: deps.policies, validator: deps.policyValidator, audit: deps.audit, clock: deps.clock },
        );
        deps.onPolicySaved?.(bearer.project.projectId);
        return view(saved);
      },
    }),
  ];
}
