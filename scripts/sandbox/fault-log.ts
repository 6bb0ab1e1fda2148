import type { FaultState, InjectedFaultRecord } from './state.js';
import type { SandboxStore } from './store.js';

/** Injected faults kept in the state (older entries drop off; the counts keep everything). */
const MAX_LOG = 2000;

/** Records every injected fault in the state, where the control API and a chaos report read it. */
export class FaultLog {
  constructor(private readonly store: SandboxStore) {}

  record(fault: Omit<InjectedFaultRecord, 'seq' | 'at'>): InjectedFaultRecord {
    const state = this.store.data.faults;
    state.total += 1;
    const key = `${fault.service}.${fault.kind}`;
    state.counts[key] = (state.counts[key] ?? 0) + 1;
    const record = { seq: state.total, at: new Date().toISOString(), ...fault };
    state.log.push(record);
    if (state.log.length > MAX_LOG) state.log.splice(0, state.log.length - MAX_LOG);
    this.store.touch();
    return record;
  }

  /** Forgets the injected faults (not the config). */
  clear(): void {
    const state = this.store.data.faults;
    Object.assign(state, { total: 0, counts: {}, log: [] } satisfies Omit<FaultState, 'config'>);
    this.store.touch();
  }
}
