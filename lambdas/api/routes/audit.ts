import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { verifyChain } from '#core/audit/chain.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const RECENT = 50;

/** The audit view: the project's hash chain recomputed (intact, or the first broken link) and its latest entries. */
export function auditRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/audit', async (c) => {
    const entries = await deps.audit.listChain(c.get('project').projectId);
    return c.json({
      verdict: verifyChain(entries, sha256),
      recent: entries
        .slice(-RECENT)
        .reverse()
        .map(({ seq, at, type, actor, subject, hash }) => ({
          seq,
          at,
          type,
          actor,
          subject: subject ?? null,
          hash,
        })),
    });
  });

  return app;
}
