import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeJsonFile } from '#adapters/local/json-file.js';
import { ProjectConfigSchema, type ProjectConfig } from '#core/project-config.js';
import type { Sandbox } from '../sandbox/index.js';
import type { LocalStack } from './runtime.js';
import { setUpAsanaWebhook } from './asana-webhook-setup.js';

/** What `.autoflow/demo.json` holds, for people and scripts driving the demo. */
export interface DemoInfo {
  projectId: string;
  slug: string;
  githubWebhookSecret: string;
  asanaWebhookSecret: string;
  baseUrl: string;
  sandboxUrl: string;
  asanaProjectGid: string;
  repos: string[];
}

const DEMO_REPOS = ['acme/api', 'acme/web'];
const STATUS_MAP = {
  'On track': 'ACTIVE',
  'At risk': 'ACTIVE',
  Blocked: 'BLOCKED',
  Cancelled: 'CANCELLED',
} as const;

/**
 * Seeds the `demo` project against the sandbox once (repos, Asana project with its fields, secrets,
 * GitHub hooks, an Asana webhook through the real handshake), then (re)writes `.autoflow/demo.json`.
 */
export async function ensureDemoProject(
  stack: LocalStack,
  sandbox: Sandbox,
  tokens: { github: string; asana: string },
): Promise<DemoInfo> {
  const existing = await stack.stores.projects.getProjectBySlug('demo');
  const project = existing ?? (await createDemoProject(stack, sandbox, tokens));
  const secrets = await stack.secrets.get(project.projectId);
  const info: DemoInfo = {
    projectId: project.projectId,
    slug: project.slug,
    githubWebhookSecret: secrets.github ?? '',
    asanaWebhookSecret: secrets.asana ?? '',
    baseUrl: stack.url,
    sandboxUrl: sandbox.url,
    asanaProjectGid: project.asana.projectGids[0] ?? '',
    repos: project.github.repos,
  };
  writeJsonFile(join(stack.dataDir, 'demo.json'), info);
  return info;
}

async function createDemoProject(
  stack: LocalStack,
  sandbox: Sandbox,
  tokens: { github: string; asana: string },
): Promise<ProjectConfig> {
  sandbox.control.seedRepos({ repos: DEMO_REPOS.map((fullName) => ({ fullName, defaultBranch: 'main' })) });
  const asana = sandbox.control.createProject({
    name: 'Demo',
    repos: DEMO_REPOS,
    statuses: Object.keys(STATUS_MAP),
  });
  const projectId = `demo-${randomBytes(4).toString('hex')}`;
  const project = ProjectConfigSchema.parse({
    projectId,
    slug: 'demo',
    name: 'Demo',
    asana: {
      workspaceGid: asana.workspaceGid,
      projectGids: [asana.gid],
      fields: {
        autoTask: asana.fields.autoTask.gid,
        repo: asana.fields.repo.gid,
        status: asana.fields.status.gid,
      },
      statusMap: STATUS_MAP,
      repoMap: {},
    },
    github: {
      repos: DEMO_REPOS,
      defaultRepo: DEMO_REPOS[0],
      defaultBranches: Object.fromEntries(DEMO_REPOS.map((r) => [r, 'main'])),
      ciWorkflows: [],
    },
    context: {
      links: [{ title: 'Sandbox', url: sandbox.url }],
      contacts: [{ name: 'Demo Lead', role: 'engineering lead' }],
      notes: [{ title: 'Conventions', body: 'Keep changes small; every PR says `Fixes #N`.' }],
    },
  });
  const githubWebhookSecret = randomBytes(24).toString('hex');
  stack.secrets.set(projectId, { tokens: tokens, webhooks: { github: githubWebhookSecret } });
  await stack.stores.projects.createProject(project);
  for (const repo of DEMO_REPOS) {
    sandbox.control.registerHook({
      repo,
      url: `${stack.url}/webhooks/github/${projectId}`,
      secret: githubWebhookSecret,
    });
  }
  await setUpAsanaWebhook({
    stack,
    projectId,
    asanaApiUrl: `${sandbox.url}/asana/api/1.0`,
    token: tokens.asana,
    resourceGid: asana.gid,
    targetUrl: `${stack.url}/webhooks/asana/${projectId}`,
  });
  stack.logger.info('demo project created', { projectId, slug: 'demo' });
  return project;
}
