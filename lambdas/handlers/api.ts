import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApiApp } from '#lambdas/api/app.js';
import { awsApi } from '#lambdas/composition/aws-api.js';

const { deps, mounts } = awsApi(process.env);

export const handler = handle(new Hono().route('/api', createApiApp(deps, mounts)));
