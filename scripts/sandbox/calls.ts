import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { SandboxStore } from './store.js';

/** Counts API calls by service, by route, by Asana task and by GitHub issue. */
export function countCalls(store: SandboxStore, service: 'github' | 'asana'): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const calls = store.data.calls;
    const path = new URL(c.req.url).pathname;
    const pattern = routePath(c, -1);
    const route = `${c.req.method} ${pattern.endsWith('*') ? '(unmatched)' : pattern.replace(/\{[^}]*\}/g, '')}`;
    calls.total += 1;
    calls.byService[service] = (calls.byService[service] ?? 0) + 1;
    calls.byRoute[route] = (calls.byRoute[route] ?? 0) + 1;
    const task = /\/tasks\/(\d+)/.exec(path)?.[1];
    if (service === 'asana' && task) calls.byAsanaTask[task] = (calls.byAsanaTask[task] ?? 0) + 1;
    const issue = /\/repos\/([^/]+\/[^/]+)\/(?:issues|pulls)\/(\d+)/.exec(path);
    if (service === 'github' && issue) {
      const key = `${issue[1]}#${issue[2]}`;
      calls.byIssue[key] = (calls.byIssue[key] ?? 0) + 1;
    }
    store.touch();
  };
}
