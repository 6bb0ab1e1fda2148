import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonFile, writeJsonFile } from '#adapters/local/json-file.js';
import { ProjectConfigSchema } from '#core/project-config.js';
import { parseOrThrow } from '#core/validation.js';
import type { Logger } from '#lambdas/ports.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';
import type { LocalConfig } from './config.js';
import { ensureDemoProject, type DemoInfo } from './demo-project.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from './runtime.js';

/** The whole product on one machine: the local stack, plus the sandbox when no tokens are configured. */
export interface Product {
  stack: LocalStack;
  sandbox?: Sandbox;
  demo?: DemoInfo;
  stop(): Promise<void>;
}

/** Options for tests and the simulator (timings, quiet logs). */
export interface ProductOptions {
  logger?: Logger;
  sandboxTimings?: Pick<SandboxOptions, 'agentDelayMs' | 'mergeDelayMs' | 'ciDelayMs'>;
  retryPauseMs?: number;
  queueRetryDelaySeconds?: number;
  wrapWorker?: LocalStackOptions['wrapWorker'];
}

/** Starts the product: sandbox mode without tokens, real mode with them. */
export async function startProduct(config: LocalConfig, options: ProductOptions = {}): Promise<Product> {
  return config.GITHUB_TOKEN && config.ASANA_TOKEN
    ? startReal(config, options)
    : startWithSandbox(config, options);
}

async function startWithSandbox(config: LocalConfig, options: ProductOptions): Promise<Product> {
  const dataDir = resolve(config.AUTOFLOW_DATA_DIR);
  const authFile = join(dataDir, 'sandbox-auth.json');
  const tokens = readJsonFile<{ github: string; asana: string } | null>(authFile, null) ?? {
    github: `sandbox_gh_${randomBytes(16).toString('hex')}`,
    asana: `sandbox_as_${randomBytes(16).toString('hex')}`,
  };
  writeJsonFile(authFile, tokens);
  const sandbox = await startSandbox({
    port: config.SANDBOX_PORT ?? (config.PORT === 0 ? 0 : config.PORT + 1),
    githubToken: tokens.github,
    asanaToken: tokens.asana,
    persistFile: join(dataDir, 'sandbox.json'),
    ...options.sandboxTimings,
  });
  try {
    const stack = await startLocalStack({
      config,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.retryPauseMs !== undefined ? { retryPauseMs: options.retryPauseMs } : {}),
      ...(options.queueRetryDelaySeconds !== undefined
        ? { queueRetryDelaySeconds: options.queueRetryDelaySeconds }
        : {}),
      ...(options.wrapWorker ? { wrapWorker: options.wrapWorker } : {}),
      integrations: {
        githubBaseUrl: `${sandbox.url}/github`,
        asanaBaseUrl: `${sandbox.url}/asana/api/1.0`,
        paceGithubWrites: false,
      },
      sandboxUrl: sandbox.url,
    });
    const demo = await ensureDemoProject(stack, sandbox, tokens);
    return {
      stack,
      sandbox,
      demo,
      async stop() {
        // The stack first: it drains running executions, which may still be calling the sandbox.
        await stack.stop();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

async function startReal(config: LocalConfig, options: ProductOptions): Promise<Product> {
  const file = config.AUTOFLOW_PROJECT_FILE as string;
  const project = parseOrThrow(
    ProjectConfigSchema,
    JSON.parse(readFileSync(file, 'utf8')),
    `project file ${file}`,
  );
  const stack = await startLocalStack({
    config,
    ...(options.logger ? { logger: options.logger } : {}),
    integrations: { githubBaseUrl: config.GITHUB_API_URL, asanaBaseUrl: config.ASANA_API_URL },
  });
  const existing = await stack.stores.projects.getProject(project.projectId);
  if (existing) await stack.stores.projects.changeProject(project.projectId, () => project);
  else await stack.stores.projects.createProject(project);
  const current = await stack.secrets.get(project.projectId);
  stack.secrets.set(project.projectId, {
    tokens: { github: config.GITHUB_TOKEN, asana: config.ASANA_TOKEN },
    webhooks: { github: current.github ?? randomBytes(24).toString('hex') },
  });
  return { stack, stop: () => stack.stop() };
}
