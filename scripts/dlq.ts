import '#lambdas/polyfills.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalQueue } from '#adapters/local/local-queue.js';
import { INGEST_QUEUE } from '#adapters/aws/schema.js';
import { systemClock } from '#adapters/system.js';
import { IngestMessageSchema } from '#core/events.js';
import { loadLocalConfig } from './local/config.js';
import { RUNTIME_LOCK, isRuntimeRunning } from './local/runtime-lock.js';

const USAGE = 'usage: npm run dlq -- list | redrive [--id <messageId> ...]';

/** `npm run dlq -- list|redrive`: inspect and redrive the local dead-letter queue. */
function main(): number {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    options: { id: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0];
  if (command !== 'list' && command !== 'redrive') {
    console.error(USAGE);
    return 2;
  }
  const dataDir = resolve(loadLocalConfig(process.env).AUTOFLOW_DATA_DIR);
  if (isRuntimeRunning(dataDir)) {
    console.error(
      `The local runtime is running (see ${join(dataDir, RUNTIME_LOCK)}): stop it first, so the queue file has one writer.`,
    );
    return 1;
  }
  if (!existsSync(join(dataDir, 'queue.json'))) {
    console.log('no queue yet: nothing in the DLQ');
    return 0;
  }
  const queue = new LocalQueue({
    file: join(dataDir, 'queue.json'),
    clock: systemClock,
    maxReceiveCount: INGEST_QUEUE.maxReceiveCount,
  });
  if (command === 'list') {
    const letters = queue.listDeadLetters();
    for (const m of letters) {
      const parsed = IngestMessageSchema.safeParse(JSON.parse(m.body));
      const what = parsed.success
        ? `${parsed.data.source} ${parsed.data.event.type} project=${parsed.data.projectId} delivery=${parsed.data.deliveryId}`
        : 'unparseable body';
      console.log(
        `${m.messageId}  receives=${m.receiveCount}  sent=${new Date(m.sentAt).toISOString()}  ${what}`,
      );
    }
    console.log(`${letters.length} message(s) in the DLQ`);
    return 0;
  }
  const moved = queue.redrive(values.id);
  console.log(
    `redrove ${moved} message(s); they are processed once when the runtime starts (deliveries already applied are skipped)`,
  );
  return values.id && moved < values.id.length ? 1 : 0;
}

process.exitCode = main();
