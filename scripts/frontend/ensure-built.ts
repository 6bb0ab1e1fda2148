import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under `dir` (skipping build output and dependencies). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the console when frontend/dist is missing or older than its sources, so `npm ci && npm start`
 * works on a fresh clone and a changed console is never served stale.
 */
export function ensureConsoleBuilt(root = process.cwd()): void {
  const frontend = join(root, 'frontend');
  const index = join(frontend, 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(frontend)) return;
  console.log('Building the console (npm run build:frontend)…');
  const result = spawnSync('npm', ['run', '--silent', 'build:frontend'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the console failed (see above)');
}
