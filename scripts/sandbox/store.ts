import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createEmptyState, type SandboxState } from './state.js';

/** Writes are coalesced: one save per tick of this length at most. */
const SAVE_DEBOUNCE_MS = 25;

export interface SandboxStoreOptions {
  persistFile?: string;
}

/** The sandbox state plus id generation and (optional) persistence to a JSON file. */
export class SandboxStore {
  readonly data: SandboxState;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SandboxStoreOptions = {}) {
    this.data = loadState(options.persistFile);
  }

  /** A numeric id, unique within this sandbox (GitHub ids). */
  nextId(): number {
    this.data.seq += 1;
    return 100_000 + this.data.seq;
  }

  /** A 16-digit Asana gid. */
  nextGid(): string {
    return String(1_200_000_000_000_000 + this.nextId());
  }

  /** A random 40-hex commit SHA. */
  newSha(): string {
    return randomBytes(20).toString('hex');
  }

  /** Records a change: the state is written to the persist file shortly after. */
  touch(): void {
    if (!this.options.persistFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DEBOUNCE_MS);
    this.saveTimer.unref();
  }

  /** Writes the state now (atomically: temp file + rename). */
  flush(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const file = this.options.persistFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data));
    renameSync(temp, file);
  }

  /** Empties the state in place (callers keep their reference to `data`). */
  reset(): void {
    const empty = createEmptyState();
    for (const key of Object.keys(empty) as (keyof SandboxState)[]) {
      (this.data as unknown as Record<string, unknown>)[key] = empty[key];
    }
    this.touch();
  }
}

function loadState(file: string | undefined): SandboxState {
  if (!file || !existsSync(file)) return createEmptyState();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SandboxState>;
  if (parsed.version !== 1)
    throw new Error(`Sandbox state in ${file} has unknown version ${String(parsed.version)}`);
  return { ...createEmptyState(), ...parsed } as SandboxState;
}
