import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/web';

const WASM = 'cedar_wasm_bg.wasm';
let ready = false;

/** Where the wasm module is: beside the Lambda bundle (copied there by CDK), else in node_modules. */
function wasmBytes(): Buffer {
  const beside = join(dirname(fileURLToPath(import.meta.url)), WASM);
  try {
    return readFileSync(beside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Every build of the package ships the same wasm; the nodejs entry is the one `require` can resolve.
  const entry = createRequire(import.meta.url).resolve('@cedar-policy/cedar-wasm/nodejs');
  return readFileSync(join(dirname(entry), WASM));
}

/**
 * cedar-wasm, instantiated synchronously once per process from its web build: unlike the nodejs
 * build it needs no `__dirname`, so the same code runs under tsx, vitest and in an ESM Lambda bundle.
 */
export function loadCedar(): typeof cedar {
  if (!ready) {
    cedar.initSync({ module: wasmBytes() });
    ready = true;
  }
  return cedar;
}

export type { Context, EntityJson, EntityUidJson } from '@cedar-policy/cedar-wasm/web';
