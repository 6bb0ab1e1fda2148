import { z } from 'zod';
import { errorStatuses, type AnyOperation } from './operation.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from './problem.js';

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for requests (`input`) or responses (`output`). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', shared?: SharedSchemas): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as Json;
  return shared ? shared.hoist(rest) : rest;
}

/** A def's text with its references to itself written `#`, so equal defs compare equal whatever their local name. */
function canonical(local: string, def: Json): string {
  return JSON.stringify(def).replaceAll(`"#/$defs/${local}"`, '"#"');
}

// How zod states a JSON value inside another schema.
const JSON_VALUE_DEF = canonical(
  '__schema0',
  (
    z.toJSONSchema(z.object({ value: z.json() }), { target: 'draft-2020-12' }) as {
      $defs: Record<string, Json>;
    }
  ).$defs.__schema0!,
);

/**
 * Moves the `$defs` zod emits for recursive schemas (`z.json()`) into `components/schemas`: inside an
 * OpenAPI document a `#/$defs/…` reference would resolve against the document's root, not the schema.
 */
export class SharedSchemas {
  readonly schemas: Record<string, Json> = {};
  readonly #names = new Map<string, string>();

  hoist(schema: Json): Json {
    const { $defs, ...rest } = schema as { $defs?: Record<string, Json> };
    if (!$defs) return schema;
    const renamed = new Map(Object.entries($defs).map(([local, def]) => [local, this.#nameOf(local, def)]));
    const rewrite = (value: Json): Json =>
      JSON.parse(
        JSON.stringify(value).replace(
          /"#\/\$defs\/([^"]+)"/g,
          (_, local: string) => `"#/components/schemas/${renamed.get(local)}"`,
        ),
      ) as Json;
    for (const [local, def] of Object.entries($defs)) this.schemas[renamed.get(local)!] ??= rewrite(def);
    return rewrite(rest);
  }

  #nameOf(local: string, def: Json): string {
    const text = canonical(local, def);
    let name = this.#names.get(text);
    if (!name) {
      name = text === JSON_VALUE_DEF ? 'JsonValue' : `Shared${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }
}

const RESPONSE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  422: 'UnprocessableContent',
};
const RESPONSE_TEXT: Record<number, string> = {
  400: 'The body is not JSON (or not sent as application/json).',
  401: 'Missing, invalid, expired or revoked token (`WWW-Authenticate: Bearer`).',
  403: "The token's role is too low for this operation.",
  404: 'No such resource in the token’s project.',
  409: 'Conflict with the current state (or an Idempotency-Key still in use).',
  410: 'Too late: the approval’s wait is over.',
  422: 'Validation failed; `errors` names each field and reason (also: an Idempotency-Key reused with another request).',
};

function parameters(op: AnyOperation): Json[] {
  const list: Json[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined) => {
    const json = schema ? jsonSchemaOf(schema, 'input') : undefined;
    const props = (json?.properties ?? {}) as Record<string, Json>;
    const required = new Set((json?.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props))
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
  };
  add('path', op.params);
  add('query', op.query);
  if (op.method === 'post')
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Replays the stored response for 24 hours when the same request is sent again.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    });
  return list;
}

function operationEntry(op: AnyOperation, shared: SharedSchemas): Json {
  const status = String(op.status ?? 200);
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    description: `Needs a token with the ${op.role} role or above.`,
    'x-required-role': op.role,
    security: [{ bearer: [] }],
    parameters: parameters(op),
    ...(op.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(op.body, 'input', shared) } },
      },
    }),
    responses: {
      [status]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchemaOf(op.response, 'output', shared) } },
      },
      ...Object.fromEntries(
        errorStatuses(op).map((s) => [String(s), { $ref: `#/components/responses/${RESPONSE_NAMES[s]}` }]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, built from the operations the app serves. */
export function buildOpenApiDocument(operations: readonly AnyOperation[]): Json {
  const paths: Record<string, Json> = {};
  const shared = new SharedSchemas();
  for (const op of operations)
    paths[op.path] = { ...paths[op.path], [op.method]: operationEntry(op, shared) };
  const problem = jsonSchemaOf(ProblemSchema, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Auto-Flow API',
      version: '1.0.0',
      description:
        'Project-scoped API. Authenticate with `Authorization: Bearer afp_…` (a project API token). ' +
        'Errors are RFC 9457 problem details. POST operations accept an `Idempotency-Key` header.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'afp_ API token' } },
      schemas: { Problem: problem, ...shared.schemas },
      responses: Object.fromEntries(
        Object.entries(RESPONSE_NAMES).map(([s, name]) => [
          name,
          {
            description: RESPONSE_TEXT[Number(s)],
            content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
    },
  };
}
