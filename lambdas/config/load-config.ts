import type { z } from 'zod';

/** Configuration that failed validation; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError' as const;
}

/**
 * Validates environment-style configuration with a zod schema whose keys are variable names.
 * A bad or missing value throws ConfigError naming the variable and the reason.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(config)';
    const value = issue.path.length === 1 ? source[String(issue.path[0])] : undefined;
    return `  ${name}: ${value === undefined ? 'missing' : 'invalid'} — ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
