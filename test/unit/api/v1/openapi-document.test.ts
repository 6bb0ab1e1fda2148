import { describe, expect, it } from 'vitest';
import { createApiV1App } from '#lambdas/api/v1/app.js';
import type { ApiV1Deps } from '#lambdas/api/v1/deps.js';
import { honoPath } from '#lambdas/api/v1/operation.js';
import { v1Operations } from '#lambdas/api/v1/resources.js';
import { memoryLogger } from '../../../helpers/memory-ports.js';
import { DocumentValidator, operationsOf } from '../../../integration/api/v1/document-validator.js';

// Only what building the app touches; no handler runs here.
const deps = { logger: memoryLogger(), authenticate: async () => undefined } as unknown as ApiV1Deps;
const app = createApiV1App(deps);
const operations = v1Operations(deps);
const validator = new DocumentValidator(app.document);

describe('the OpenAPI document of /api/v1', () => {
  it('is an OpenAPI 3.1 document with bearer security and problem responses', () => {
    expect(app.document).toMatchObject({
      openapi: '3.1.0',
      security: [{ bearer: [] }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        responses: { NotFound: { content: { 'application/problem+json': {} } } },
      },
    });
  });

  it('documents every route the app serves, and serves every documented operation', () => {
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/openapi.json')
      .map((r) => `${r.method} ${r.path}`);
    const documented = operationsOf(app.document).map((o) => `${o.method.toUpperCase()} ${honoPath(o.path)}`);

    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  it('gives every operation a unique id, a role, 401, and its path parameters', () => {
    const ops = operationsOf(app.document);

    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const { path, op, role } of ops) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const params = (op.parameters as { name: string; in: string }[]).filter((p) => p.in === 'path');
      expect({ path, params: params.map((p) => p.name) }).toEqual({ path, params: inPath });
      expect(['viewer', 'editor', 'admin']).toContain(role);
      expect(op.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
      if (role !== 'viewer') expect(op.responses['403']).toBeDefined();
    }
  });

  it('resolves every $ref inside the document (recursive schemas live in components, not in local $defs)', () => {
    const text = JSON.stringify(app.document);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    const resolve = (ref: string) =>
      ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], app.document);

    expect(text).not.toContain('$defs');
    expect(refs).toContain('#/components/schemas/JsonValue');
    for (const ref of new Set(refs))
      expect({ ref, found: resolve(ref) !== undefined }).toEqual({ ref, found: true });
  });

  it('offers an Idempotency-Key on every POST', () => {
    for (const { method, op } of operationsOf(app.document).filter((o) => o.method === 'post'))
      expect({ method, names: op.parameters.map((p: { name: string }) => p.name) }).toEqual({
        method,
        names: expect.arrayContaining(['Idempotency-Key']),
      });
  });

  it('agrees with the validators: valid examples pass both zod and the document, invalid ones fail both', () => {
    const withBody = operations.filter((o) => o.body);
    expect(withBody.length).toBeGreaterThan(10);
    for (const op of withBody) {
      expect({
        op: op.operationId,
        examples: Boolean(op.examples?.valid.length && op.examples.invalid.length),
      }).toEqual({ op: op.operationId, examples: true });
      for (const example of op.examples!.valid)
        expect({
          op: op.operationId,
          example,
          zod: op.body!.safeParse(example).success,
          doc: validator.acceptsBody(op.operationId, example),
        }).toEqual({ op: op.operationId, example, zod: true, doc: true });
      for (const example of op.examples!.invalid)
        expect({
          op: op.operationId,
          example,
          zod: op.body!.safeParse(example).success,
          doc: validator.acceptsBody(op.operationId, example),
        }).toEqual({ op: op.operationId, example, zod: false, doc: false });
    }
  });

  it('serves the document without a token', async () => {
    const res = await app.request('/openapi.json');

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(app.document);
  });

  it('answers an unknown route and a missing token with problem+json', async () => {
    const res = await app.request('/tasks');

    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/tasks' });
  });
});
