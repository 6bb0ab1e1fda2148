import { ConfigError } from '#lambdas/config/load-config.js';
import { ensureConsoleBuilt } from '../frontend/ensure-built.js';
import { loadLocalConfig } from './config.js';
import { startProduct } from './product.js';

/** `npm start`: the whole product in one process, with the sandbox unless real tokens are configured. */
async function main(): Promise<void> {
  const config = loadLocalConfig(process.env);
  ensureConsoleBuilt();
  const product = await startProduct(config);
  const { stack, sandbox, demo } = product;
  const lines = [
    '',
    'Auto-Flow is running locally.',
    `  console + API     ${stack.url}/`,
    `  health            ${stack.url}/healthz`,
    `  webhooks          ${stack.url}/webhooks/{github|asana}/{projectId}`,
    `  data              ${stack.dataDir}`,
  ];
  if (sandbox && demo) {
    lines.push(
      `  sandbox           ${sandbox.url}  (GitHub at /github, Asana at /asana/api/1.0, control at /sandbox)`,
      `  demo project      ${demo.projectId}  (details in ${stack.dataDir}/demo.json)`,
      '',
      'Try it: create an AutoTask task in the sandbox and watch it reach DEPLOYED:',
      `  curl -s -X POST ${stack.url}/sandbox/asana/tasks -H 'content-type: application/json' \\`,
      `    -d '{"projectGid":"${demo.asanaProjectGid}","name":"Add a health endpoint","autoTask":true,"repo":"acme/api"}'`,
      `  open ${stack.url}/p/demo`,
    );
  }
  const { initAdmin } = stack.console;
  if (!(await initAdmin.isInitialised())) {
    lines.push(
      '',
      'First sign-in: open the console and create the admin with this one-time token',
      `  ${initAdmin.token}`,
      `  (${initAdmin.source === 'file' ? `kept in ${initAdmin.file} until the admin exists` : 'from INIT_ADMIN_TOKEN'})`,
    );
  }
  console.log(lines.join('\n'));
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping…`);
    await product.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
