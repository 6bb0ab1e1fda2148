import { NotFoundError } from '#core/errors.js';
import type { IngestMessage } from '#core/events.js';
import type { ProjectConfig } from '#core/project-config.js';
import type {
  Clock,
  DeliveryLog,
  HandshakeStore,
  IngestQueue,
  Logger,
  ProjectStore,
  TriggerSecrets,
  WebhookSecrets,
} from '#lambdas/ports.js';

/** A clock that stands still until moved. */
export function fixedClock(iso = '2026-11-25T10:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

/** A logger that keeps every line, so tests can assert on (and scan) what was logged. */
export function memoryLogger(): Logger & { lines: { level: string; message: string; extra: object[] }[] } {
  const lines: { level: string; message: string; extra: object[] }[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: object[]) =>
      void lines.push({ level, message, extra });
  return { lines, debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

/** Projects held in memory (read-only use in receiver tests). */
export function memoryProjects(projects: ProjectConfig[]): ProjectStore {
  const byId = new Map(projects.map((p) => [p.projectId, p]));
  return {
    getProject: async (id) => byId.get(id),
    getProjectBySlug: async (slug) => projects.find((p) => p.slug === slug),
    listProjects: async () => [...byId.values()],
    createProject: async (p) => void byId.set(p.projectId, p),
    changeProject: async (id, change) => {
      const current = byId.get(id);
      if (!current) throw new NotFoundError(`project ${id} not found`);
      const next = change(current);
      byId.set(id, next);
      return next;
    },
  };
}

/** A queue that records what was sent, and can be told to fail. */
export function memoryQueue(): IngestQueue & {
  sent: IngestMessage[];
  delays: number[];
  failNext: boolean;
} {
  const queue = {
    sent: [] as IngestMessage[],
    delays: [] as number[],
    failNext: false,
    async send(message: IngestMessage, options: { delaySeconds?: number } = {}) {
      if (queue.failNext) {
        queue.failNext = false;
        throw new Error('queue unavailable');
      }
      queue.sent.push(message);
      queue.delays.push(options.delaySeconds ?? 0);
    },
  };
  return queue;
}

/** A delivery log in memory. */
export function memoryDeliveries(): DeliveryLog & { seen: Set<string> } {
  const seen = new Set<string>();
  return {
    seen,
    recordDelivery: async (p, d) => (seen.has(`${p}/${d}`) ? false : (seen.add(`${p}/${d}`), true)),
    forgetDelivery: async (p, d) => void seen.delete(`${p}/${d}`),
  };
}

/** Webhook secrets in memory. */
export function memorySecrets(initial: Record<string, { github?: string; asana?: string }>): WebhookSecrets {
  const secrets = new Map(Object.entries(initial));
  return {
    get: async (id) => ({ ...secrets.get(id) }),
    putAsana: async (id, secret) => void secrets.set(id, { ...secrets.get(id), asana: secret }),
  };
}

/** Per-trigger secrets in memory. */
export function memoryTriggerSecrets(): TriggerSecrets & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (p, t) => values.get(`${p}/${t}`),
    has: async (p, t) => values.has(`${p}/${t}`),
    put: async (p, t, secret) => void values.set(`${p}/${t}`, secret),
  };
}

/** Handshakes in memory. */
export function memoryHandshakes(): HandshakeStore & { openFor: Map<string, number> } {
  const openFor = new Map<string, number>();
  return {
    openFor,
    open: async (id, expiresAt) => void openFor.set(id, expiresAt.getTime()),
    consume: async (id, now) => {
      const until = openFor.get(id);
      openFor.delete(id);
      return until !== undefined && until > now.getTime();
    },
  };
}
