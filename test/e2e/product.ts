import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalConfig } from '../../scripts/local/config.js';
import { consoleLogger } from '../../scripts/local/console-logger.js';
import { startProduct, type Product } from '../../scripts/local/product.js';

/** The whole product in-process on a free port, with a throwaway data dir and quick sandbox timings. */
export async function startTestProduct(): Promise<Product & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'autoflow-e2e-'));
  const config = loadLocalConfig({
    PORT: '0',
    SANDBOX_PORT: '0',
    AUTOFLOW_DATA_DIR: dataDir,
    LOG_LEVEL: 'WARN',
    RECONCILE_INTERVAL_MS: '0',
  });
  const product = await startProduct(config, {
    logger: consoleLogger('e2e', 'WARN'),
    sandboxTimings: { agentDelayMs: 300, mergeDelayMs: 300, ciDelayMs: 800 },
    retryPauseMs: 50,
    queueRetryDelaySeconds: 1,
  });
  return Object.assign(product, {
    dataDir,
    async dispose() {
      await product.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
