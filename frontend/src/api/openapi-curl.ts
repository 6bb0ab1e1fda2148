/** The parts of an OpenAPI 3.1 document the API page reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-required-role'?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  minProperties?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
}

/** One operation with a ready-to-run curl command. */
export interface CurlExample {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  role: string;
  command: string;
}

/** A plausible value for a JSON schema: required properties only, first enum value, formats honoured. */
export function sampleOf(schema: JsonSchema, name = 'value'): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return sampleOf(variant, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const keys = schema.required?.length
        ? schema.required
        : Object.keys(schema.properties ?? {}).slice(0, schema.minProperties ?? 0);
      return Object.fromEntries(keys.map((key) => [key, sampleOf(schema.properties?.[key] ?? {}, key)]));
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
      if (name === 'repo') return 'owner/repo';
      if (name === 'url') return 'https://example.com';
      return `your-${name}`;
  }
}

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** curl commands for every operation of the document, against `origin`, with the token in $AUTOFLOW_TOKEN. */
export function curlExamples(doc: OpenApiDocument, origin: string): CurlExample[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const lines = [
        `curl -X ${method.toUpperCase()} "${origin}/api/v1${path}"`,
        `  -H "Authorization: Bearer $AUTOFLOW_TOKEN"`,
      ];
      if (method === 'post') lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
      const schema = op.requestBody?.content['application/json'].schema;
      if (schema) {
        lines.push(`  -H "Content-Type: application/json"`);
        lines.push(`  -d ${shellQuote(JSON.stringify(sampleOf(schema)))}`);
      }
      return {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        tag: op.tags[0] ?? 'other',
        role: op['x-required-role'] ?? 'viewer',
        command: lines.join(' \\\n'),
      };
    }),
  );
}
