import { githubTime, type SandboxContext } from './context.js';
import { SandboxError } from './errors.js';
import { requireRepo } from './github-issues.js';
import { sendPing } from './github-webhooks.js';
import type { HookRecord } from './state.js';

export interface HookInput {
  url: string;
  secret?: string;
  contentType?: 'json' | 'form';
  events?: string[];
  active?: boolean;
}

/** Registers a repository webhook and pings it, as GitHub does. */
export function registerHook(
  ctx: SandboxContext,
  repo: string,
  input: HookInput,
  sender: string,
): HookRecord {
  requireRepo(ctx, repo);
  const hooks = ctx.store.data.github.hooks;
  if (hooks.some((h) => h.repo === repo && h.url === input.url)) {
    throw new SandboxError(
      422,
      'Validation Failed',
      [{ field: 'config.url', code: 'custom', message: 'Hook already exists on this repository' }],
      'Hook',
    );
  }
  const now = githubTime();
  const hook: HookRecord = {
    id: ctx.store.nextId(),
    repo,
    url: input.url,
    secret: input.secret ?? null,
    contentType: input.contentType ?? 'json',
    events: input.events ?? ['push'],
    active: input.active ?? true,
    createdAt: now,
    updatedAt: now,
    lastResponse: { code: null, status: 'unused', message: null },
  };
  hooks.push(hook);
  ctx.store.touch();
  if (hook.active) sendPing(ctx, hook, sender);
  return hook;
}
