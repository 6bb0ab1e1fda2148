import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { DynamoDBIdempotencyStore } from '#adapters/aws/dynamodb-idempotency-store.js';
import { DynamoDBPolicyStore } from '#adapters/aws/dynamodb-policy-store.js';
import { CedarEngine } from '#adapters/cedar/cedar-engine.js';
import { shippedDefaultPolicies, shippedSchema } from '#adapters/cedar/shipped-policies.js';
import type { Role } from '#core/accounts/roles.js';
import type { Approval } from '#core/approval/approval.js';
import type { ProjectConfig } from '#core/project-config.js';
import { createApiV1App } from '#lambdas/api/v1/app.js';
import { createBearerAuthenticator } from '#lambdas/api/v1/authenticate-bearer.js';
import type { ApiV1Deps } from '#lambdas/api/v1/deps.js';
import { createApiToken } from '#lambdas/app/manage-api-tokens.js';
import { createAction } from '../../../helpers/factories.js';
import type { Dynalite } from '../../../helpers/dynalite.js';
import { createHarness } from '../harness.js';

let cedar: CedarEngine | undefined;

/** The console API harness plus /api/v1, mounted side by side as on AWS (`/api/v1` and `/api`). */
export async function createV1Harness(db: Dynalite) {
  const h = await createHarness(db);
  const policies = new DynamoDBPolicyStore(h.table);
  const saved: string[] = [];
  const deps: ApiV1Deps = {
    ...h.deps,
    apiTokens: h.deps.apiTokens,
    idempotency: new DynamoDBIdempotencyStore(h.table),
    authenticate: createBearerAuthenticator({
      apiTokens: h.deps.apiTokens,
      projects: h.deps.projects,
      clock: h.clock,
      logger: h.logger,
    }),
    policies,
    policyValidator: (cedar ??= new CedarEngine(shippedSchema())),
    defaultPolicyText: shippedDefaultPolicies,
    onPolicySaved: (projectId) => void saved.push(projectId),
    approvals: h.approvals,
    analytics: h.analytics,
    jobs: h.jobs,
    taskTokens: {
      succeed: async (token) => void h.answered.push({ token, outcome: 'succeed' }),
      fail: async (token) => void h.answered.push({ token, outcome: 'fail' }),
    },
    randomBytes: () => randomBytes(32),
    triggers: h.triggers,
    triggerSecrets: h.triggerSecrets,
  };
  const v1 = createApiV1App(deps);
  const front = new Hono().route('/api/v1', v1).route('/api', h.app);
  return { ...h, v1, v1deps: deps, front, policies, policySaves: saved };
}
export type V1Harness = Awaited<ReturnType<typeof createV1Harness>>;

/** Mints a token straight through the use case (the console route is tested on its own). */
export async function issueToken(h: V1Harness, projectId: string, role: Role, name = `${role} token`) {
  return createApiToken(
    { projectId, request: { name, role }, creator: { id: 'user:root-admin', role: 'admin' } },
    { ...h.v1deps },
  );
}

/** What a call returned: status, headers, raw text and parsed JSON. */
export interface V1Response {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read fields freely
}

/** Calls /api/v1 through the front app with an optional bearer token. */
export async function call(
  h: V1Harness,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<V1Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await h.front.request(`/api/v1${path}`, {
    method,
    headers,
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

/** A pending approval of a project (the action machine would have created it). */
export function pendingApproval(
  project: Pick<ProjectConfig, 'projectId'>,
  approvalId: string,
  taskId: string,
  requestedAt: string,
): Approval {
  const action = createAction({ actionId: approvalId, projectId: project.projectId, taskId });
  return {
    approvalId,
    projectId: project.projectId,
    taskId,
    action,
    preview: {
      kind: 'github.comment',
      target: 'acme/web#7',
      summary: 'comment on acme/web#7',
      body: 'hello',
    },
    requiredApprovals: 1,
    determiningPolicies: ['needs-approval'],
    policyVersion: 'v1',
    requestedBy: { type: 'Trigger', id: 'core-loop' },
    requestedAt,
    status: 'pending',
    escalated: false,
    expiresAt: new Date(Date.parse(requestedAt) + 3600_000).toISOString(),
    votes: [],
    taskToken: `task-token-${approvalId}`,
    version: 0,
  };
}
