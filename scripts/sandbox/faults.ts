import type { MiddlewareHandler } from 'hono';
import type { FaultLog } from './fault-log.js';
import { asanaFault, githubFault, type FaultAnswer } from './fault-responses.js';
import type { ApiFaultRate, ChaosConfig, Fault } from './fault-schemas.js';
import { Occurrences, seededFraction } from './seeded.js';
import type { FaultKind, InjectedFaultRecord } from './state.js';
import type { SandboxStore } from './store.js';

type Service = Fault['service'];

/** What one call gets: a failure answer, a delay, or both. */
interface Injection {
  kind: FaultKind;
  source: InjectedFaultRecord['source'];
  answer?: FaultAnswer;
  delayMs?: number;
}

/** API faults: "next N calls" faults consumed in order, then the chaos config's seeded rates. */
export class Faults {
  private list: Fault[] = [];
  private readonly calls = new Occurrences();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: SandboxStore,
    private readonly log: FaultLog,
  ) {}

  add(fault: Fault): void {
    this.list.push({ ...fault });
  }

  /** Forgets the pending "next N calls" faults (the chaos config stays). */
  clear(): void {
    this.list = [];
  }

  pending(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  /** The chaos config in force (kept in the state, so it survives a restart). */
  chaos(): ChaosConfig | null {
    return this.store.data.faults.config;
  }

  /** Replaces the chaos config; draws start again from the first call of every route. */
  setChaos(config: ChaosConfig | null): void {
    this.store.data.faults.config = config;
    this.calls.reset();
    this.store.touch();
  }

  /** Middleware for a service mounted at `mount`: applies the first fault that hits the call. */
  middleware(service: Service, mount: string): MiddlewareHandler {
    return async (c, next) => {
      const path = new URL(c.req.url).pathname;
      const route = path.slice(mount.length).replace(/(.)\/$/, '$1') || '/';
      const method = c.req.method;
      const injection = this.takeNext(service, method, path) ?? this.draw(service, method, path, route);
      if (!injection) return next();
      this.log.record({
        service,
        kind: injection.kind,
        source: injection.source,
        method,
        path: route,
        ...(injection.answer ? { status: injection.answer.status } : {}),
        ...(injection.delayMs ? { delayMs: injection.delayMs } : {}),
      });
      if (injection.delayMs) await this.sleep(injection.delayMs);
      if (!injection.answer) return next();
      return service === 'github' ? githubFault(c, injection.answer) : asanaFault(c, injection.answer);
    };
  }

  /** Drops pending delays (their calls never answer; the server closes their connections). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private takeNext(service: Service, method: string, path: string): Injection | undefined {
    const index = this.list.findIndex(
      (f) =>
        f.service === service &&
        (!f.method || f.method === method) &&
        (!f.pathContains || path.includes(f.pathContains)),
    );
    const fault = this.list[index];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.list.splice(index, 1);
    const { status, message, retryAfterSeconds, delayMs } = fault;
    return {
      kind: status === undefined ? 'api.slow' : kindOfStatus(service, status, message),
      source: 'next',
      ...(status === undefined ? {} : { answer: { status, message, retryAfterSeconds } }),
      ...(delayMs ? { delayMs } : {}),
    };
  }

  private draw(service: Service, method: string, path: string, route: string): Injection | undefined {
    const config = this.chaos();
    if (!config || config.api.length === 0) return undefined;
    const key = `${service} ${method} ${route}`;
    const n = this.calls.next(key);
    for (const [i, rule] of config.api.entries()) {
      if (!applies(rule, service, method, path, route)) continue;
      if (seededFraction(config.seed, 'api', i, key, n) < rule.rate) return fromRule(rule);
    }
    return undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function kindOfStatus(service: Service, status: number, message: string | undefined): FaultKind {
  if (status === 429) return 'api.rate_limit';
  if (status === 403 && service === 'github' && !message) return 'api.secondary_rate_limit';
  return 'api.error';
}

function fromRule(rule: ApiFaultRate): Injection {
  const { retryAfterSeconds } = rule;
  switch (rule.mode) {
    case 'slow':
      return { kind: 'api.slow', source: 'rate', delayMs: rule.delayMs };
    case 'rate_limit':
      return { kind: 'api.rate_limit', source: 'rate', answer: { status: 429, retryAfterSeconds } };
    case 'secondary_rate_limit':
      return { kind: 'api.secondary_rate_limit', source: 'rate', answer: { status: 403, retryAfterSeconds } };
    case 'error':
      return { kind: 'api.error', source: 'rate', answer: { status: rule.status, retryAfterSeconds } };
  }
}

function applies(rule: ApiFaultRate, service: Service, method: string, path: string, route: string): boolean {
  return (
    rule.service === service &&
    (!rule.method || rule.method === method) &&
    (!rule.pathContains || path.includes(rule.pathContains)) &&
    (!rule.route || routeMatches(rule.route, route))
  );
}

/** `/repos/:owner/:repo/issues` matches `/repos/acme/web/issues`; a `*` segment matches the rest. */
export function routeMatches(pattern: string, path: string): boolean {
  const want = pattern.replace(/(.)\/$/, '$1').split('/');
  const have = path.split('/');
  for (const [i, segment] of want.entries()) {
    if (segment === '*') return true;
    const actual = have[i];
    if (actual === undefined) return false;
    if (segment.startsWith(':') ? actual === '' : segment !== actual) return false;
  }
  return want.length === have.length;
}
