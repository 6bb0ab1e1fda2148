import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file a running local runtime keeps in its data dir (its pid). */
export const RUNTIME_LOCK = 'runtime.pid';

/** Records this process as the data dir's runtime. */
export function writeRuntimeLock(dataDir: string): void {
  writeFileSync(join(dataDir, RUNTIME_LOCK), String(process.pid), { mode: 0o600 });
}

/** Removes the record again. */
export function removeRuntimeLock(dataDir: string): void {
  rmSync(join(dataDir, RUNTIME_LOCK), { force: true });
}

/** True when another live process holds the data dir. */
export function isRuntimeRunning(dataDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, RUNTIME_LOCK), 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
