import type { z } from 'zod';
import type { Role } from '#core/accounts/roles.js';
import type { BearerPrincipal } from '../bearer.js';

/** Statuses an operation may answer besides its success (401 always; 403, 404, 422 derived from its shape). */
export type ErrorStatus = 400 | 409 | 410;

/** What a handler receives: validated params, query and body, and the token it runs as. */
export interface OperationInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  bearer: BearerPrincipal;
}

/**
 * One /api/v1 operation: the route AND its OpenAPI entry. Routes exist only as operations, so a route
 * cannot be served without being documented, and the document describes the very schemas that validate.
 */
export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path template, e.g. `/tasks/{taskId}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** The least token role allowed. */
  role: Role;
  /** Path parameters; a value that fails them answers 404 (no such resource can exist). */
  params?: P;
  query?: Q;
  body?: B;
  /** Request bodies the validator and the document must both accept, and both reject. */
  examples?: { valid: z.input<B>[]; invalid: unknown[] };
  /** @default 200 */
  status?: 200 | 201 | 202;
  response: R;
  errors?: ErrorStatus[];
  /** The success answer holds a secret: it is never stored for an idempotent replay (409 instead). */
  secretAnswer?: boolean;
  handler(input: OperationInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** An operation with its types erased, as the registry keeps them. */
export type AnyOperation = Operation<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Declares an operation (types checked here, erased for the registry). */
export function operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  op: Operation<P, Q, B, R>,
): AnyOperation {
  return op as unknown as AnyOperation;
}

/** The Hono route path of an OpenAPI path template (`{id}` → `:id`). */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** The error statuses an operation can answer, derived from its shape plus its own list. */
export function errorStatuses(op: AnyOperation): number[] {
  const statuses = new Set<number>([401, ...(op.errors ?? [])]);
  if (op.role !== 'viewer') statuses.add(403);
  if (op.params) statuses.add(404);
  if (op.query || op.body || op.method === 'post') statuses.add(422);
  if (op.secretAnswer) statuses.add(409);
  if (op.body) statuses.add(400);
  return [...statuses].sort((a, b) => a - b);
}
