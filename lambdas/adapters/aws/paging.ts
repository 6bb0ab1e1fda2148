import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#core/errors.js';

type Item = Record<string, unknown>;

/** What a cursor must decode to: exactly these key attributes, each equal to a value or starting with a prefix. */
export type CursorShape = Record<string, string | { prefix: string }>;

function invalidCursor(message: string): ValidationError {
  return new ValidationError('invalid cursor', [{ path: 'cursor', message }]);
}

/** Opaque cursor: base64url JSON of a LastEvaluatedKey. */
export function encodeCursor(lastEvaluatedKey: Item | undefined): string | undefined {
  return lastEvaluatedKey === undefined
    ? undefined
    : Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url');
}

/** Decodes a cursor and checks that it is a key of the query it is handed to; ValidationError otherwise. */
export function decodeCursor(
  cursor: string | undefined,
  shape: CursorShape,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('not base64url');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('not a cursor of this list');
  }
  if (key === null || typeof key !== 'object' || Array.isArray(key))
    throw invalidCursor('not a cursor of this list');
  const entries = Object.entries(key);
  const names = Object.keys(shape);
  if (entries.length !== names.length) throw invalidCursor('not a cursor of this list');
  for (const [name, value] of entries) {
    const expected = shape[name];
    const matches =
      typeof value === 'string' &&
      expected !== undefined &&
      (typeof expected === 'string' ? value === expected : value.startsWith(expected.prefix));
    if (!matches) throw invalidCursor('not a cursor of this list');
  }
  return key as Record<string, string>;
}

/** Checks a page size on its way in (DynamoDB rejects a Limit below 1). */
export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError('invalid limit', [{ path: 'limit', message: 'must be a positive integer' }]);
  }
  return limit;
}

/** Runs a query to its last page; for partitions known to stay small (timelines, parked events, projects). */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}
