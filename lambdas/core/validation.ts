import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses with a zod schema, turning failures into a ValidationError that names each field and reason. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues);
}
