import { Hono } from 'hono';
import { z } from 'zod';
import { GLOBAL_CHAIN } from '#core/audit/entry.js';
import { parseOrThrow } from '#core/validation.js';
import { requireInstanceAdmin } from '../auth/session-auth.js';
import type { ApiDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';
import { readBody } from '../json-body.js';

const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });
const RedriveSchema = z.object({
  messageIds: z.array(z.string().min(1).max(128)).min(1).max(100).optional(),
});

/**
 * The ingest dead-letter queue for instance admins: what failed 3 times, and moving it back. A redriven
 * message is processed once: a delivery the task already applied is skipped by its id.
 */
export function deadLetterRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', requireInstanceAdmin);

  app.get('/', async (c) => {
    const { limit } = parseOrThrow(ListQuerySchema, c.req.query(), 'query');
    return c.json({ items: await deps.deadLetters.list(limit) });
  });

  app.post('/redrive', async (c) => {
    const { messageIds } = await readBody(c, RedriveSchema);
    const redriven = await deps.deadLetters.redrive(messageIds);
    const { user } = c.get('signedIn')!;
    await deps.audit.append({
      chain: GLOBAL_CHAIN,
      type: 'dlq.redriven',
      at: deps.clock.now().toISOString(),
      actor: `user:${user.username}`,
      subject: 'ingest-dlq',
      data: { redriven, messageIds: messageIds ?? 'all' },
    });
    deps.logger.info('dead letters redriven', { by: user.username, redriven });
    return c.json({ redriven });
  });
  return app;
}
