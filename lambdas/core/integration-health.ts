import { z } from 'zod';

/** What a cheap authenticated call (`GET /user`, `GET /users/me`) said about a project's token. */
export const TokenStateSchema = z.enum(['ok', 'invalid', 'missing', 'unreachable']);
export type TokenState = z.infer<typeof TokenStateSchema>;

/** The Asana webhooks Auto-Flow set up: all active, one re-created this run, or one that could not be. */
export const WebhookStateSchema = z.enum(['ok', 'recreated', 'missing']);
export type WebhookState = z.infer<typeof WebhookStateSchema>;

/** A project's integration health, as the reconciler last found it (one record per project). */
export const IntegrationHealthSchema = z.object({
  projectId: z.string().min(1),
  github: TokenStateSchema,
  asana: TokenStateSchema,
  asanaWebhooks: z.object({
    state: WebhookStateSchema,
    /** The Asana project gids whose webhook was re-created (or is missing) in the last run. */
    projectGids: z.array(z.string()),
    /** When Auto-Flow last re-created a webhook Asana had disabled or deleted. */
    recreatedAt: z.string().optional(),
  }),
  checkedAt: z.string(),
  /** When the health last changed (first check included). */
  changedAt: z.string(),
  /** The last failure's message, secrets removed. */
  lastError: z.string().max(500).optional(),
});
export type IntegrationHealth = z.infer<typeof IntegrationHealthSchema>;

/** One problem of a project's integrations, as a stable code the console and `/readyz` show. */
export type HealthProblem =
  | 'github_token_invalid'
  | 'github_token_missing'
  | 'github_unreachable'
  | 'asana_token_invalid'
  | 'asana_token_missing'
  | 'asana_unreachable'
  | 'asana_webhook_recreated'
  | 'asana_webhook_missing';

/** The problems a health record shows, in a fixed order (none: the project is healthy). */
export function healthProblems(health: IntegrationHealth): HealthProblem[] {
  const problems: HealthProblem[] = [];
  for (const service of ['github', 'asana'] as const) {
    const state = health[service];
    if (state === 'invalid') problems.push(`${service}_token_invalid`);
    else if (state === 'missing') problems.push(`${service}_token_missing`);
    else if (state === 'unreachable') problems.push(`${service}_unreachable`);
  }
  if (health.asanaWebhooks.state === 'recreated') problems.push('asana_webhook_recreated');
  if (health.asanaWebhooks.state === 'missing') problems.push('asana_webhook_missing');
  return problems;
}

/** True when what the reconciler found differs from the previous record (a WARN line and an audit entry). */
export function healthChanged(previous: IntegrationHealth | undefined, next: IntegrationHealth): boolean {
  if (!previous) return healthProblems(next).length > 0;
  return (
    previous.github !== next.github ||
    previous.asana !== next.asana ||
    previous.asanaWebhooks.state !== next.asanaWebhooks.state ||
    previous.asanaWebhooks.projectGids.join(',') !== next.asanaWebhooks.projectGids.join(',')
  );
}

/** Token-shaped runs of characters (PATs, bearer values) that must never reach a record or a log. */
const SECRETISH =
  /\b(?:gh[opsu]_|github_pat_)[A-Za-z0-9_]{10,}|\b\d\/(?:\d+\/)?\d{6,}:[A-Za-z0-9]{10,}|\b[A-Za-z0-9_-]{32,}\b/g;

/** An error message fit to store: known secrets and token-shaped strings masked, at most 500 characters. */
export function redactError(message: string, secrets: string[] = []): string {
  let text = message;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('***');
  return text.replace(SECRETISH, '***').slice(0, 500);
}

/** The next health record: `changedAt` and `recreatedAt` carried over unless this run changed them. */
export function nextHealth(
  previous: IntegrationHealth | undefined,
  found: Omit<IntegrationHealth, 'changedAt'>,
): IntegrationHealth {
  const draft: IntegrationHealth = { ...found, changedAt: found.checkedAt };
  const recreatedAt = found.asanaWebhooks.recreatedAt ?? previous?.asanaWebhooks.recreatedAt;
  const next: IntegrationHealth = {
    ...draft,
    asanaWebhooks: { ...found.asanaWebhooks, ...(recreatedAt ? { recreatedAt } : {}) },
  };
  if (previous && !healthChanged(previous, next)) next.changedAt = previous.changedAt;
  return next;
}
