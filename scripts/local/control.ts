import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '#adapters/local/json-file.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import { parseOrThrow } from '#core/validation.js';
import { approvalView, createApprovalsRoutes, type ApprovalsEnv } from '#lambdas/api/routes/approvals.js';
import type { DecideApprovalDeps } from '#lambdas/app/decide-approval.js';
import { setKillSwitch, type KillSwitchDeps } from '#lambdas/app/set-kill-switch.js';

/** Where a running local runtime tells the CLIs how to reach it (mode 0600, removed on stop). */
export const CONTROL_FILE = 'control.json';

/** The local control channel's address and secret. */
export interface ControlInfo {
  url: string;
  token: string;
}

/** A fresh control secret for one run of the runtime. */
export function newControlToken(): string {
  return randomBytes(24).toString('hex');
}

/** Tells the CLIs where this run listens and its secret (mode 0600). */
export function writeControlFile(dataDir: string, info: ControlInfo): void {
  writeJsonFile(join(dataDir, CONTROL_FILE), info);
}

export function readControlFile(dataDir: string): ControlInfo | undefined {
  return readJsonFile<ControlInfo | undefined>(join(dataDir, CONTROL_FILE), undefined);
}

/** The running runtime's control channel, if one answers (a file left by a crashed run does not). */
export async function liveControl(dataDir: string): Promise<ControlInfo | undefined> {
  const info = readControlFile(dataDir);
  if (!info) return undefined;
  try {
    const res = await fetch(`${info.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? info : undefined;
  } catch {
    return undefined;
  }
}

export function removeControlFile(dataDir: string): void {
  rmSync(join(dataDir, CONTROL_FILE), { force: true });
}

const KillSwitchBodySchema = z.object({
  on: z.boolean(),
  project: z.string().optional(),
  as: z.string().min(1),
});

/**
 * The local runtime's control channel for the CLIs (`npm run approvals`, `npm run killswitch`) while it
 * runs: loopback only, and only for a caller holding the secret in the data dir (mode 0600) — the same
 * trust as editing the data dir. The operator acts as an admin under the name given with `--as`.
 */
export function createControlApp(token: string, deps: DecideApprovalDeps & KillSwitchDeps): Hono {
  const app = new Hono();
  const expected = Buffer.from(`Bearer ${token}`);
  app.use('*', async (c, next) => {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return c.json({ error: { code: 'unauthorized', message: 'control token required' } }, 401);
    await next();
  });

  const approvals = new Hono<ApprovalsEnv>();
  approvals.use('*', async (c, next) => {
    const slug = c.req.param('slug') ?? '';
    const project = await deps.projects.getProjectBySlug(slug);
    if (!project) return c.json({ error: { code: 'not_found', message: `No project "${slug}"` } }, 404);
    c.set('project', project);
    c.set('principal', { userId: c.req.header('x-autoflow-as') ?? 'local-operator', role: 'admin' });
    await next();
  });
  // The runtime serves the console for every other GET, so the CLI lists with POST …/approvals/list.
  approvals.post('/list', async (c) =>
    c.json({
      items: (await deps.approvals.listPendingApprovals(c.get('project').projectId)).map(approvalView),
    }),
  );
  approvals.route('/', createApprovalsRoutes(deps));
  app.route('/projects/:slug/approvals', approvals);

  app.post('/kill-switch', async (c) => {
    const body = parseOrThrow(KillSwitchBodySchema, await c.req.json().catch(() => undefined), 'kill switch');
    const projectId =
      body.project === undefined
        ? undefined
        : (await deps.projects.getProjectBySlug(body.project))?.projectId;
    if (body.project !== undefined && projectId === undefined)
      throw new NotFoundError(`No project "${body.project}"`);
    const result = await setKillSwitch(
      { on: body.on, by: `cli:${body.as}`, ...(projectId ? { projectId } : {}) },
      deps,
    );
    return c.json(result);
  });
  app.onError((error, c) => {
    if (error instanceof NotFoundError)
      return c.json({ error: { code: 'not_found', message: error.message } }, 404);
    if (error instanceof ValidationError)
      return c.json({ error: { code: 'invalid_request', message: error.message } }, 400);
    return c.json({ error: { code: 'internal', message: (error as Error).message } }, 500);
  });
  return app;
}
