import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '#adapters/local/local-queue.js';
import { fixedClock } from '../../helpers/memory-ports.js';
import { issueClosedMessage } from '../../helpers/ingest-messages.js';

const dlq = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dlq.ts', ...args], {
    env: { ...process.env, AUTOFLOW_DATA_DIR: dataDir },
    encoding: 'utf8',
  });

function dataDirWithDeadLetter(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'af-dlq-'));
  const clock = fixedClock();
  const queue = new LocalQueue({
    file: join(dataDir, 'queue.json'),
    clock,
    visibilityTimeoutSeconds: 1,
    maxReceiveCount: 3,
  });
  queue.sendRaw(JSON.stringify(issueClosedMessage()));
  for (let i = 0; i < 4; i++) {
    queue.receive(1);
    clock.advance(2000);
  }
  return dataDir;
}

describe('npm run dlq', () => {
  it('lists dead letters with what they were', () => {
    const out = dlq(dataDirWithDeadLetter(), 'list');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/github github\.issue project=p1 delivery=gh-1/);
    expect(out.stdout).toMatch(/1 message\(s\) in the DLQ/);
  });

  it('redrives them back to the queue with a fresh receive budget', () => {
    const dataDir = dataDirWithDeadLetter();
    expect(dlq(dataDir, 'redrive').stdout).toMatch(/redrove 1 message/);
    expect(dlq(dataDir, 'list').stdout).toMatch(/0 message\(s\) in the DLQ/);
  });

  it('refuses while a runtime holds the data dir, and explains usage errors', () => {
    const dataDir = dataDirWithDeadLetter();
    writeFileSync(join(dataDir, 'runtime.pid'), String(process.pid === 1 ? 2 : 1));
    expect(dlq(dataDir, 'list').stderr).toMatch(/local runtime is running/);
    expect(dlq(dataDir, 'explode').stderr).toMatch(/usage: npm run dlq/);
  });
});
