import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- an OpenAPI document

/** One operation of the document, as the tests iterate them. */
export interface DocOperation {
  method: string;
  path: string;
  operationId: string;
  role: 'viewer' | 'editor' | 'admin';
  op: Json;
}

/** Every operation of an OpenAPI document. */
export function operationsOf(doc: Json): DocOperation[] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({
      method,
      path,
      operationId: op.operationId,
      role: op['x-required-role'],
      op,
    })),
  );
}

/** The schema with its references to document components pointing at their ajv ids. */
function toUrnRefs(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:openapi:schemas:'));
}

/** Validates responses and request bodies against the document with ajv (JSON Schema 2020-12). */
export class DocumentValidator {
  // `type: [...]` is how zod states a union of primitives (e.g. a workflow dispatch's input values).
  readonly #ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(readonly doc: Json) {
    addFormats.default(this.#ajv);
    // Each component schema under its own id, so references resolve in strict mode.
    for (const [name, schema] of Object.entries(doc.components.schemas as Json))
      this.#ajv.addSchema(toUrnRefs(schema as Json), `urn:openapi:schemas:${name}`);
  }

  #compile(key: string, schema: Json): ValidateFunction {
    let fn = this.#cache.get(key);
    if (!fn) {
      fn = this.#ajv.compile(toUrnRefs(schema));
      this.#cache.set(key, fn);
    }
    return fn;
  }

  /** The response's status, content type and body as the document says; problems listed, or []. */
  checkResponse(operationId: string, res: { status: number; headers: Headers; json: unknown }): string[] {
    const found = operationsOf(this.doc).find((o) => o.operationId === operationId);
    if (!found) return [`no operation ${operationId}`];
    let response = found.op.responses[String(res.status)] as Json | undefined;
    if (!response) return [`${operationId}: status ${res.status} is not documented`];
    if (response.$ref) response = this.doc.components.responses[String(response.$ref).split('/').pop()!];
    const [type, media] = Object.entries(response!.content as Json)[0]!;
    const got = res.headers.get('content-type')?.split(';')[0];
    if (got !== type) return [`${operationId} ${res.status}: content-type ${got}, documented ${type}`];
    const validate = this.#compile(`${operationId} ${res.status}`, media.schema);
    return validate(res.json)
      ? []
      : (validate.errors ?? []).map((e) => `${operationId} ${res.status}: ${e.instancePath} ${e.message}`);
  }

  /** Whether the document's request body schema of an operation accepts `body`. */
  acceptsBody(operationId: string, body: unknown): boolean {
    const found = operationsOf(this.doc).find((o) => o.operationId === operationId);
    const schema = found?.op.requestBody?.content['application/json'].schema;
    if (!schema) throw new Error(`${operationId} has no request body`);
    return this.#compile(`${operationId} body`, schema)(body) as boolean;
  }
}
