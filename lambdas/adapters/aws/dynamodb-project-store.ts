import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  NotFoundError,
  ReferenceConflictError,
  ValidationError,
  VersionConflictError,
} from '#core/errors.js';
import { ProjectConfigSchema } from '#core/project-config.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { ProjectStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem } from './items.js';
import { PROJECTS_INDEX_PARTITION, projectIndexKey, projectKey, slugKey } from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

const SlugItemSchema = z.object({ projectId: z.string() });
/**
 * Attempts a change of a project's configuration makes. A change loses a race only to another that
 * saved, so of N changes made at once each needs at most N attempts: up to 10 at once always land.
 */
const MAX_CHANGE_ATTEMPTS = 10;

/** Projects in the main table; slugs are unique through a slug reference item. */
export class DynamoDBProjectStore implements ProjectStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-01: project by id. */
  async getProject(projectId: string): Promise<ProjectConfig | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: projectKey(projectId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : parseItem(ProjectConfigSchema, Item, 'project');
  }

  /** AP-02: project by slug (an orphan slug ref, left by a crashed create, reads as absent). */
  async getProjectBySlug(slug: string): Promise<ProjectConfig | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: slugKey(slug), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const project = await this.getProject(parseItem(SlugItemSchema, Item, 'slug reference').projectId);
    return project?.slug === slug ? project : undefined;
  }

  /** AP-03: all projects. */
  async listProjects(): Promise<ProjectConfig[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: MAIN_TABLE.indexes.byStatus.name,
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': PROJECTS_INDEX_PARTITION },
    });
    return items.map((item) => parseItem(ProjectConfigSchema, item, 'project'));
  }

  /** AP-14: claims the slug, then writes the project; ReferenceConflictError when either is taken. */
  async createProject(project: ProjectConfig): Promise<void> {
    const data = parseInput(ProjectConfigSchema, project, 'project');
    const claimedNow = await this.#claimSlug(data);
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(data, {
            ...projectKey(data.projectId),
            ...projectIndexKey(data.projectId),
            entity: 'Project',
            revision: 1,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (claimedNow) await this.#releaseSlug(data);
      throw new ReferenceConflictError(`project id ${data.projectId} is taken`, { cause: error });
    }
  }

  /**
   * AP-15: read, change, write conditionally on the item's `revision` (absent on items written before
   * revisions: the condition then requires it absent), again on a lost race; after MAX_CHANGE_ATTEMPTS
   * lost races, VersionConflictError.
   */
  async changeProject(
    projectId: string,
    change: (current: ProjectConfig) => ProjectConfig,
  ): Promise<ProjectConfig> {
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: this.#tableName, Key: projectKey(projectId), ConsistentRead: true }),
      );
      if (Item === undefined) throw new NotFoundError(`project ${projectId} not found`);
      const current = parseItem(ProjectConfigSchema, Item, 'project');
      const revision = typeof Item.revision === 'number' ? Item.revision : undefined;
      const next = parseInput(ProjectConfigSchema, change(current), 'project');
      if (next.projectId !== projectId || next.slug !== current.slug)
        throw new ValidationError('the id and slug of a project cannot change', [
          { path: next.projectId !== projectId ? 'projectId' : 'slug', message: 'cannot change' },
        ]);
      try {
        await this.#client.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: toItem(next, {
              ...projectKey(projectId),
              ...projectIndexKey(projectId),
              entity: 'Project',
              revision: (revision ?? 0) + 1,
            }),
            ...(revision === undefined
              ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revision)' }
              : {
                  ConditionExpression: 'revision = :revision',
                  ExpressionAttributeValues: { ':revision': revision },
                }),
          }),
        );
        return next;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        if (attempt >= MAX_CHANGE_ATTEMPTS)
          throw new VersionConflictError(`project ${projectId} keeps changing; try again`, { cause: error });
      }
    }
  }

  /** Writes the slug ref; true when this call created it, false when it already named this project (a retry). */
  async #claimSlug(project: ProjectConfig): Promise<boolean> {
    try {
      const { Attributes } = await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...slugKey(project.slug), entity: 'Slug', projectId: project.projectId },
          ConditionExpression: 'attribute_not_exists(pk) OR projectId = :projectId',
          ExpressionAttributeValues: { ':projectId': project.projectId },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes === undefined;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new ReferenceConflictError(`slug ${project.slug} is taken`, { cause: error });
    }
  }

  async #releaseSlug(project: ProjectConfig): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: slugKey(project.slug),
          ConditionExpression: 'projectId = :projectId',
          ExpressionAttributeValues: { ':projectId': project.projectId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
