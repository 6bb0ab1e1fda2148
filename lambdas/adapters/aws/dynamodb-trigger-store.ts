import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, VersionConflictError } from '#core/errors.js';
import { BuiltInSwitchSchema, triggerSetOf, type BuiltInSwitch } from '#core/triggers/registry.js';
import {
  TriggerVersionSchema,
  UserTriggerSchema,
  type TriggerVersion,
  type UserTrigger,
} from '#core/triggers/trigger.js';
import type { TriggerSet } from '#core/triggers/trigger-set.js';
import type { TriggerStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { parseInput, parseItem, toItem } from './items.js';
import * as keys from './keys.js';
import { queryAll } from './paging.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/**
 * The trigger registry in the main table, one partition per project: a head item per user trigger
 * (its active version and switch), one immutable item per saved version, one switch per built-in.
 */
export class DynamoDBTriggerStore implements TriggerStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-120 + AP-125: what `decide` consults (two queries of the project's trigger partition). */
  async activeTriggers(projectId: string): Promise<TriggerSet> {
    const [user, switches] = await Promise.all([
      this.listTriggers(projectId),
      this.listBuiltInSwitches(projectId),
    ]);
    return triggerSetOf(switches, user);
  }

  /** AP-120: the user triggers of a project (active versions). */
  async listTriggers(projectId: string): Promise<UserTrigger[]> {
    const items = await this.#query(projectId, keys.TRIGGER_HEAD_PREFIX);
    return items.map((item) => parseItem(UserTriggerSchema, item, 'trigger'));
  }

  /** AP-121: one user trigger (active version). */
  async getTrigger(projectId: string, triggerId: string): Promise<UserTrigger | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: keys.triggerHeadKey(projectId, triggerId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(UserTriggerSchema, Item, 'trigger');
  }

  /** AP-122: every saved version of a trigger, newest first. */
  async listTriggerVersions(projectId: string, triggerId: string): Promise<TriggerVersion[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.triggerPartition(projectId),
        ':prefix': keys.triggerVersionPrefix(triggerId),
      },
      ScanIndexForward: false,
    });
    return items.map((item) => parseItem(TriggerVersionSchema, item, 'trigger version'));
  }

  /**
   * AP-123: the head first, conditional on the version the caller saw, so of two racing saves one
   * wins; then the immutable version item (`attribute_not_exists`: a version is never overwritten).
   */
  async saveTriggerVersion(
    version: TriggerVersion,
    expectedVersion: number | undefined,
    enabled: boolean,
  ): Promise<void> {
    const valid = parseInput(TriggerVersionSchema, version, 'trigger version');
    if (valid.version !== (expectedVersion ?? 0) + 1)
      throw new VersionConflictError(`trigger ${valid.triggerId}: version ${valid.version} does not follow`);
    const head: UserTrigger = { ...valid, enabled, changedBy: valid.savedBy, changedAt: valid.savedAt };
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(head, { ...keys.triggerHeadKey(valid.projectId, valid.triggerId), entity: 'Trigger' }),
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new VersionConflictError(
          expectedVersion === undefined
            ? `trigger ${valid.triggerId} already exists`
            : `trigger ${valid.triggerId} changed since version ${expectedVersion}`,
          { cause: error },
        );
      throw error;
    }
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toItem(valid, {
            ...keys.triggerVersionKey(valid.projectId, valid.triggerId, valid.version),
            entity: 'TriggerVersion',
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Already written by an earlier attempt of this very save: versions are immutable, keep it.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** AP-124: switches a user trigger on or off; NotFoundError when it does not exist. */
  async setTriggerEnabled(
    projectId: string,
    triggerId: string,
    enabled: boolean,
    by: string,
    at: string,
  ): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: keys.triggerHeadKey(projectId, triggerId),
          UpdateExpression: 'SET enabled = :enabled, changedBy = :by, changedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':enabled': enabled, ':by': by, ':at': at },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new NotFoundError(`Trigger ${triggerId} not found`, { cause: error });
      throw error;
    }
  }

  /** AP-125: the stored switches of the built-ins. */
  async listBuiltInSwitches(projectId: string): Promise<BuiltInSwitch[]> {
    const items = await this.#query(projectId, keys.BUILT_IN_SWITCH_PREFIX);
    return items.map((item) => parseItem(BuiltInSwitchSchema, item, 'built-in switch'));
  }

  /** AP-126: switches a built-in on or off (last writer wins; every change is audited by the caller). */
  async setBuiltInEnabled(
    projectId: string,
    triggerId: string,
    enabled: boolean,
    by: string,
    at: string,
  ): Promise<void> {
    const value: BuiltInSwitch = { projectId, triggerId, enabled, changedBy: by, changedAt: at };
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(value, { ...keys.builtInSwitchKey(projectId, triggerId), entity: 'BuiltInSwitch' }),
      }),
    );
  }

  #query(projectId: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.triggerPartition(projectId), ':prefix': prefix },
    });
  }
}
