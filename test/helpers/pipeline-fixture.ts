import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { ulidIds } from '#adapters/system.js';
import type { Action } from '#core/actions.js';
import type { Dynalite } from './dynalite.js';
import { uniqueProjectId } from './dynamo-fixtures.js';
import { createProjectConfig } from './factories.js';
import { fixedClock, memoryLogger } from './memory-ports.js';
import { memoryIntegrations } from './memory-trackers.js';

/**
 * A fresh project on a shared dynalite table, with the stores, in-memory GitHub/Asana, a fixed clock
 * and a workflows port that records the actions it is asked to start: what use-case tests need.
 */
export async function createPipelineFixture(db: Dynalite) {
  const table = { client: db.doc, tableName: db.tableName };
  const projects = new DynamoDBProjectStore(table);
  const tasks = new DynamoDBTaskStore(table);
  const projectId = uniqueProjectId();
  const config = createProjectConfig({ projectId, slug: projectId.toLowerCase() });
  await projects.createProject(config);
  const integrations = memoryIntegrations();
  const clock = fixedClock('2026-11-25T10:00:00.000Z');
  const logger = memoryLogger();
  const started: Action[] = [];
  const workflows = { start: async (action: Action) => void started.push(action) };
  const killSwitches = new DynamoDBKillSwitchStore(table);
  const deps = { projects, tasks, integrations, clock, ids: ulidIds(clock), logger, workflows, killSwitches };
  return {
    table,
    projects,
    tasks,
    projectId,
    config,
    integrations,
    clock,
    logger,
    started,
    killSwitches,
    deps,
  };
}
