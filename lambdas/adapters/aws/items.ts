import type { z } from 'zod';
import { ValidationError } from '#core/errors.js';
import { InvalidItemError } from './errors.js';
import { META_ATTRIBUTES } from './keys.js';

type Item = Record<string, unknown>;

/** Drops undefined values at every depth, so items marshal whatever the DocumentClient options. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutUndefined(v)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.map(([k, v]) => [k, withoutUndefined(v)])) as T;
  }
  return value;
}

/** Builds an item from a domain object and its key and meta attributes. */
export function toItem(data: object, meta: Item): Item {
  return { ...withoutUndefined(data), ...meta };
}

/** Validates a value on its way in; the issues name each field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    throw new ValidationError(`invalid ${what}`, issues);
  }
  return result.data;
}

/** Turns a stored item back into a domain object: meta attributes stripped, then validated. */
export function parseItem<S extends z.ZodType>(schema: S, item: Item, what: string): z.output<S> {
  const data = Object.fromEntries(
    Object.entries(item).filter(([k]) => !(META_ATTRIBUTES as readonly string[]).includes(k)),
  );
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new InvalidItemError(`stored ${what} ${String(item.pk)} ${String(item.sk)} is invalid`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** Epoch seconds for a TTL attribute, rounded up so an item never expires early. */
export function epochSeconds(date: Date): number {
  return Math.ceil(date.getTime() / 1000);
}
