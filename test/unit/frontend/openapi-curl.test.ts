import { describe, expect, it } from 'vitest';
import { createApiV1App } from '#lambdas/api/v1/app.js';
import type { ApiV1Deps } from '#lambdas/api/v1/deps.js';
import { curlExamples, type OpenApiDocument } from '../../../frontend/src/api/openapi-curl.js';
import { memoryLogger } from '../../helpers/memory-ports.js';
import { DocumentValidator, operationsOf } from '../../integration/api/v1/document-validator.js';

const { document } = createApiV1App({
  logger: memoryLogger(),
  authenticate: async () => undefined,
} as unknown as ApiV1Deps);
const examples = curlExamples(document as unknown as OpenApiDocument, 'https://autoflow.example.com');

describe('curl examples of the API page', () => {
  it('has one for every operation of the document', () => {
    expect(examples.map((e) => e.operationId).sort()).toEqual(
      operationsOf(document)
        .map((o) => o.operationId)
        .sort(),
    );
  });

  it('calls the operation with the bearer token, and POSTs with an idempotency key', () => {
    const create = examples.find((e) => e.operationId === 'createToken')!;

    expect(create.command).toBe(
      [
        'curl -X POST "https://autoflow.example.com/api/v1/tokens"',
        '  -H "Authorization: Bearer $AUTOFLOW_TOKEN"',
        '  -H "Idempotency-Key: $(uuidgen)"',
        '  -H "Content-Type: application/json"',
        `  -d '{"name":"your-name","role":"viewer"}'`,
      ].join(' \\\n'),
    );
  });

  it('sends a body the document accepts for every operation with one', () => {
    const validator = new DocumentValidator(document);
    const withBody = examples.filter((e) => e.command.includes(' -d '));

    expect(withBody.length).toBeGreaterThan(10);
    for (const e of withBody) {
      const body: unknown = JSON.parse(e.command.split(" -d '")[1]!.slice(0, -1).replaceAll("'\\''", "'"));
      expect({ op: e.operationId, ok: validator.acceptsBody(e.operationId, body) }).toEqual({
        op: e.operationId,
        ok: true,
      });
    }
  });
});
