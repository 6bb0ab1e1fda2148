import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values serialise equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A hex SHA-256 prefix of the canonical value: the same value always gives the same key part. */
export function digestOf(value: unknown, length = 32): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, length);
}
