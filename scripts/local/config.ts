import { z } from 'zod';
import { loadConfig } from '#lambdas/config/load-config.js';

const port = z.coerce
  .number()
  .int('must be an integer')
  .min(0, 'must be 0–65535')
  .max(65535, 'must be 0–65535');

/** Configuration of the local runtime, validated at start; a bad value stops start-up naming the variable. */
export const LocalConfigSchema = z
  .object({
    PORT: port.default(3000),
    SANDBOX_PORT: port.optional(),
    AUTOFLOW_DATA_DIR: z.string().min(1).default('.autoflow'),
    /** With both tokens set, the stack talks to the real services instead of the sandbox. */
    GITHUB_TOKEN: z.string().min(1).optional(),
    ASANA_TOKEN: z.string().min(1).optional(),
    /** A project configuration file (JSON, ProjectConfig) to load in real mode. */
    AUTOFLOW_PROJECT_FILE: z.string().min(1).optional(),
    GITHUB_API_URL: z.url('must be a URL').optional(),
    ASANA_API_URL: z.url('must be a URL').optional(),
    /** Public base URL for webhooks when it differs from http://localhost:PORT. */
    PUBLIC_URL: z.url('must be a URL').optional(),
    LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
    /** The first admin's one-time token; without it one is generated into the data dir and printed at start. */
    INIT_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /**
     * `host`: the session cookie is `__Host-…; Secure` (browsers accept it on http://localhost and 127.0.0.1).
     * `plain`: a non-Secure cookie, for a plain-HTTP host name that is not loopback. Local only.
     */
    SESSION_COOKIE: z.enum(['host', 'plain']).default('host'),
    /** How often the reconciler runs (EventBridge Scheduler's rate on AWS); 0 turns the timer off. */
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
    /** Tasks untouched for this long are checked by the reconciler. */
    RECONCILE_STALE_MS: z.coerce.number().int().min(0).default(120_000),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.GITHUB_TOKEN) !== Boolean(c.ASANA_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.GITHUB_TOKEN ? 'ASANA_TOKEN' : 'GITHUB_TOKEN'],
        message: 'set both tokens for real mode, or neither for the sandbox',
      });
    }
    if (c.GITHUB_TOKEN && !c.AUTOFLOW_PROJECT_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTOFLOW_PROJECT_FILE'],
        message: 'real mode needs a project configuration file',
      });
    }
  });
export type LocalConfig = z.infer<typeof LocalConfigSchema>;

/** Reads the local configuration from an environment-like record. */
export function loadLocalConfig(env: Record<string, string | undefined>): LocalConfig {
  const relevant = Object.fromEntries(
    Object.keys(LocalConfigSchema.shape ?? {}).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  return loadConfig(LocalConfigSchema, relevant);
}
