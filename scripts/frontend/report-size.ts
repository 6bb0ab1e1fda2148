import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The console's JavaScript budget, gzipped (the acceptance criterion). */
export const JS_BUDGET_BYTES = 250 * 1024;

/** Gzipped sizes of the built console's assets. */
export function measureConsole(dist = join(process.cwd(), 'frontend', 'dist')) {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).map((name) => {
    const body = readFileSync(join(assets, name));
    return { name, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const js = files.filter((f) => f.name.endsWith('.js'));
  return { files, jsGzip: js.reduce((sum, f) => sum + f.gzip, 0) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, jsGzip } = measureConsole();
  for (const f of files)
    console.log(`  ${f.name.padEnd(32)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}`);
  const verdict = jsGzip <= JS_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`console JS: ${kb(jsGzip)} gzipped (${verdict} the ${kb(JS_BUDGET_BYTES)} budget)`);
  if (jsGzip > JS_BUDGET_BYTES) process.exit(1);
}
