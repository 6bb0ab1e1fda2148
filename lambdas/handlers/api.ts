import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApiApp } from '#lambdas/api/app.js';
import { mcpRoutes } from '#lambdas/api/mcp/mcp-routes.js';
import { createApiV1App } from '#lambdas/api/v1/app.js';
import { awsApi } from '#lambdas/composition/aws-api.js';

const { deps, mounts, v1 } = awsApi(process.env);

// /api/v1 and /api/mcp first: they answer before the console's session and CSRF middleware would run.
export const handler = handle(
  new Hono()
    .route('/api/v1', createApiV1App(v1))
    .route('/api/mcp', mcpRoutes(v1))
    .route('/api', createApiApp(deps, mounts)),
);
