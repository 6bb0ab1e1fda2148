import type { z } from 'zod';

/** A failure of a sandbox operation; each API renders it in its service's error shape. */
export class SandboxError extends Error {
  override name = 'SandboxError' as const;
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 422,
    message: string,
    /** Field-level detail (GitHub's `errors`, Asana's message prefix, the control API's issues). */
    readonly fields: { field: string; code: string; message: string }[] = [],
    /** The kind of object being validated (GitHub names it in `errors[].resource`). */
    readonly resource = 'Issue',
  ) {
    super(message);
  }
}

/** Throws a 404 SandboxError when `value` is undefined. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SandboxError(404, `${what} not found`);
  return value;
}

/** Field-level detail from a zod error: `missing_field` when `input` lacks the value, else `invalid`. */
export function zodFields(
  error: { issues: { path: PropertyKey[]; message: string }[] },
  input: unknown,
): SandboxError['fields'] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    code: issue.path.length > 0 && valueAt(input, issue.path) === undefined ? 'missing_field' : 'invalid',
    message: issue.message,
  }));
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `input` validated by `schema`; a 400 SandboxError naming each field otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new SandboxError(400, 'Invalid request', zodFields(parsed.error, input));
  return parsed.data;
}
