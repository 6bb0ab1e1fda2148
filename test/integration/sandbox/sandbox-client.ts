import { startSandbox, type Sandbox, type SandboxOptions } from '../../../scripts/sandbox/index.js';

export const GITHUB_TOKEN = 'gh-sandbox-token';
export const ASANA_TOKEN = 'asana-sandbox-token';

/** A sandbox on a random port with fast agent and CI. */
export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({
    githubToken: GITHUB_TOKEN,
    asanaToken: ASANA_TOKEN,
    agentDelayMs: 20,
    mergeDelayMs: 20,
    ciDelayMs: 40,
    deliveryRetryDelaysMs: [20, 40, 80],
    ...options,
  });
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the sandbox with JSON in and out. */
export async function call<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = init.token;
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined && init.raw === undefined ? 'GET' : 'POST'),
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** Calls the sandbox's GitHub API with the right token. */
export function github<T = Record<string, unknown>>(
  sandbox: Sandbox,
  path: string,
  init: { method?: string; body?: unknown; token?: string; raw?: string } = {},
) {
  return call<T>(`${sandbox.url}/github${path}`, { token: `token ${GITHUB_TOKEN}`, ...init });
}

/** Calls the sandbox's Asana API with the right token. */
export function asana<T = Record<string, unknown>>(
  sandbox: Sandbox,
  path: string,
  init: { method?: string; body?: unknown; token?: string; raw?: string } = {},
) {
  return call<T>(`${sandbox.url}/asana/api/1.0${path}`, { token: `Bearer ${ASANA_TOKEN}`, ...init });
}

/** Calls the control API. */
export function control<T = Record<string, unknown>>(
  sandbox: Sandbox,
  path: string,
  init: { method?: string; body?: unknown; raw?: string } = {},
) {
  return call<T>(`${sandbox.url}/sandbox${path}`, init);
}
