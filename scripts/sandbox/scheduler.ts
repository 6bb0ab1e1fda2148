import type { SandboxStore } from './store.js';
import type { JobRecord } from './state.js';

export type JobHandler = (job: JobRecord) => void | Promise<void>;

/**
 * Every timer of the sandbox: persisted jobs (agent and CI steps, kept in the state so a
 * restart resumes them) and transient timers (delivery retries). `stop()` clears them all.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly transient = new Set<NodeJS.Timeout>();
  private handler: JobHandler | undefined;
  private stopped = false;
  /** Job failures, newest last (for health). */
  readonly failures: { jobId: string; kind: string; message: string; at: string }[] = [];

  constructor(private readonly store: SandboxStore) {}

  /** Sets the job handler and arms the jobs found in the state (due ones run at once). */
  start(handler: JobHandler): void {
    this.handler = handler;
    for (const job of this.store.data.jobs) this.arm(job);
  }

  /** Adds a persisted job due in `delayMs`. */
  schedule(kind: JobRecord['kind'], payload: JobRecord['payload'], delayMs: number): JobRecord {
    const job: JobRecord = { id: `job-${this.store.nextId()}`, at: Date.now() + delayMs, kind, payload };
    this.store.data.jobs.push(job);
    this.store.touch();
    if (this.handler) this.arm(job);
    return job;
  }

  /** Runs `fn` once after `delayMs` unless the scheduler stops first (not persisted). */
  later(fn: () => void, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.transient.delete(timer);
      fn();
    }, delayMs);
    this.transient.add(timer);
  }

  /** Jobs not yet run. */
  pending(): number {
    return this.store.data.jobs.length;
  }

  /** Clears every timer; persisted jobs stay in the state for the next start. */
  stop(): void {
    this.stopped = true;
    for (const timer of [...this.timers.values(), ...this.transient]) clearTimeout(timer);
    this.timers.clear();
    this.transient.clear();
  }

  private arm(job: JobRecord): void {
    if (this.stopped) return;
    const timer = setTimeout(() => void this.run(job), Math.max(0, job.at - Date.now()));
    this.timers.set(job.id, timer);
  }

  private async run(job: JobRecord): Promise<void> {
    this.timers.delete(job.id);
    const jobs = this.store.data.jobs;
    const index = jobs.findIndex((j) => j.id === job.id);
    if (index < 0 || this.stopped) return;
    jobs.splice(index, 1);
    this.store.touch();
    try {
      await this.handler?.(job);
    } catch (error) {
      this.failures.push({
        jobId: job.id,
        kind: job.kind,
        message: error instanceof Error ? error.message : String(error),
        at: new Date().toISOString(),
      });
      if (this.failures.length > 50) this.failures.shift();
    }
  }
}
