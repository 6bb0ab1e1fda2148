import { z } from 'zod';
import { CreateApiTokenSchema } from '#core/api-tokens/api-token.js';
import { NotFoundError } from '#core/errors.js';
import { createApiToken, revokeApiToken } from '#lambdas/app/manage-api-tokens.js';
import { ApiTokenViewSchema, CreatedApiTokenSchema, toApiTokenView } from '../views/api-token-view.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';

const TokenParamsSchema = z.object({ tokenId: z.string().regex(/^[0-9A-Za-z]{1,64}$/) });

/** API tokens of the project, managed by admin tokens (a token never mints one above its own role). */
export function tokenOperations(deps: ApiV1Deps): AnyOperation[] {
  const now = () => deps.clock.now();
  return [
    operation({
      method: 'get',
      path: '/tokens',
      operationId: 'listTokens',
      summary: "The project's API tokens (never their secrets)",
      tag: 'tokens',
      role: 'admin',
      response: z.object({ items: z.array(ApiTokenViewSchema) }),
      handler: async ({ bearer }) => ({
        items: (await deps.apiTokens.listApiTokens(bearer.project.projectId)).map((t) =>
          toApiTokenView(t, now()),
        ),
      }),
    }),
    operation({
      method: 'post',
      path: '/tokens',
      operationId: 'createToken',
      summary:
        'Creates a token; the secret is in this response only (a repeated Idempotency-Key answers 409: the secret is not kept)',
      tag: 'tokens',
      role: 'admin',
      body: CreateApiTokenSchema,
      examples: {
        valid: [
          { name: 'ci', role: 'viewer' },
          { name: 'bot', role: 'editor', expiresAt: '2099-01-01T00:00:00Z' },
        ],
        invalid: [
          { name: 'ci' },
          { name: 'ci', role: 'owner' },
          { name: 'ci', role: 'viewer', expiresAt: 'soon' },
        ],
      },
      status: 201,
      response: CreatedApiTokenSchema,
      secretAnswer: true,
      handler: async ({ bearer, body }) => {
        const { token, secret } = await createApiToken(
          {
            projectId: bearer.project.projectId,
            request: body,
            creator: { id: bearer.principal.userId, role: bearer.principal.role },
          },
          deps,
        );
        return { token: toApiTokenView(token, now()), secret };
      },
    }),
    operation({
      method: 'get',
      path: '/tokens/{tokenId}',
      operationId: 'getToken',
      summary: 'One token',
      tag: 'tokens',
      role: 'admin',
      params: TokenParamsSchema,
      response: ApiTokenViewSchema,
      handler: async ({ bearer, params }) => {
        const token = await deps.apiTokens.getApiToken(bearer.project.projectId, params.tokenId);
        if (!token) throw new NotFoundError(`No API token ${params.tokenId}`);
        return toApiTokenView(token, now());
      },
    }),
    operation({
      method: 'delete',
      path: '/tokens/{tokenId}',
      operationId: 'revokeToken',
      summary: 'Revokes a token at once (its next request gets 401)',
      tag: 'tokens',
      role: 'admin',
      params: TokenParamsSchema,
      response: ApiTokenViewSchema,
      handler: async ({ bearer, params }) => {
        const token = await revokeApiToken(
          { projectId: bearer.project.projectId, tokenId: params.tokenId, by: bearer.principal.userId },
          deps,
        );
        return toApiTokenView(token, now());
      },
    }),
  ];
}
