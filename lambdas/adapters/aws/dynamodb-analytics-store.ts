import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AnalyticsDay } from '#core/analytics/aggregate.js';
import { FUNNEL_STAGES, type FunnelStage, type TaskProgress } from '#core/analytics/progress.js';
import { TASK_STATUSES, type TaskStatus } from '#core/task.js';
import type { AnalyticsStore } from '#lambdas/ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds } from './items.js';
import * as keys from './keys.js';
import { queryAll } from './paging.js';
import { MAIN_TABLE } from './schema.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Lead-time samples kept per day; beyond it a day counts the drop and its percentiles say `exact: false`. */
export const MAX_LEAD_TIMES_PER_DAY = 5000;
/** Day items outlive the longest range a request may ask for. */
const DAY_TTL_SECONDS = 400 * 24 * 3600;
const MAX_REASON_LENGTH = 200;
const REACHED = 'r:';
const FAILED = 'f:';

type Item = Record<string, unknown>;

/**
 * Counters in the main table: `ANALYTICS#{pid}`/`STATUS` (tasks by status) and `ANALYTICS#{pid}`/`DAY#{day}`
 * (stages reached by that day's cohort, failures and lead times of that day). A stage is counted after
 * its per-task marker is written with `attribute_not_exists`, so a replay never counts it twice.
 */
export class DynamoDBAnalyticsStore implements AnalyticsStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-112: moves the status counts, marks and counts new stages, adds failures and the lead time. */
  async recordProgress(p: TaskProgress): Promise<void> {
    if (p.status) await this.#moveStatus(p.projectId, p.status);
    const reached = (
      await Promise.all(p.stages.map(async (stage) => ((await this.#markStage(p, stage)) ? [stage] : [])))
    ).flat();
    const byDay = new Map<string, { stages: FunnelStage[]; failures: Map<string, number> }>();
    const dayOf = (day: string) => {
      const entry = byDay.get(day) ?? { stages: [], failures: new Map<string, number>() };
      byDay.set(day, entry);
      return entry;
    };
    if (reached.length > 0) dayOf(p.cohortDay).stages.push(...reached);
    for (const { reason, day } of p.failures) {
      const failures = dayOf(day).failures;
      const key = reason.slice(0, MAX_REASON_LENGTH);
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
    for (const [day, counts] of byDay) await this.#addToDay(p.projectId, day, counts);
    if (p.leadTime && reached.includes('DEPLOYED')) await this.#addLeadTime(p.projectId, p.leadTime);
  }

  /** AP-110: tasks of a project by status. */
  async statusCounts(projectId: string): Promise<Partial<Record<TaskStatus, number>>> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.analyticsStatusKey(projectId) }),
    );
    const out: Partial<Record<TaskStatus, number>> = {};
    for (const status of TASK_STATUSES) {
      const n = Item?.[status];
      if (typeof n === 'number') out[status] = n;
    }
    return out;
  }

  /** AP-111: the project's days between `from` and `to` (inclusive), oldest first. */
  async listDays(projectId: string, range: { from: string; to: string }): Promise<AnalyticsDay[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.analyticsPartition(projectId),
        ':from': keys.analyticsDayKey(projectId, range.from).sk,
        ':to': keys.analyticsDayKey(projectId, range.to).sk,
      },
    });
    return items.map(toDay);
  }

  /**
   * AP-116: rebuilds the status counts from the status index with COUNT queries (no item is read back),
   * healing any drift; increments racing the rebuild may be lost, so run it when the project is quiet.
   */
  async recountStatuses(projectId: string): Promise<Partial<Record<TaskStatus, number>>> {
    const counts: Partial<Record<TaskStatus, number>> = {};
    for (const status of TASK_STATUSES) {
      let total = 0;
      let start: Item | undefined;
      do {
        const page = await this.#client.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: MAIN_TABLE.indexes.byStatus.name,
            KeyConditionExpression: 'gsi1pk = :partition',
            ExpressionAttributeValues: { ':partition': keys.statusPartition(projectId, status) },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        total += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      counts[status] = total;
    }
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...keys.analyticsStatusKey(projectId), entity: 'AnalyticsStatus', ...counts },
      }),
    );
    return counts;
  }

  async #moveStatus(projectId: string, move: NonNullable<TaskProgress['status']>): Promise<void> {
    const from = move.from !== undefined && move.from !== move.to ? ', #from :minus' : '';
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: keys.analyticsStatusKey(projectId),
        UpdateExpression: `ADD #to :one${from} SET entity = :entity`,
        ExpressionAttributeNames: { '#to': move.to, ...(from && { '#from': move.from }) },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'AnalyticsStatus', ...(from && { ':minus': -1 }) },
      }),
    );
  }

  /** AP-113: true when this call wrote the task's marker for the stage (the stage is new). */
  async #markStage(p: TaskProgress, stage: FunnelStage): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...keys.stageMarkerKey(p.projectId, p.taskId, stage), entity: 'StageMarker', stage },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** AP-114: adds stage and failure counts to one day. */
  async #addToDay(
    projectId: string,
    day: string,
    counts: { stages: FunnelStage[]; failures: Map<string, number> },
  ): Promise<void> {
    const names: Record<string, string> = { '#day': 'day', '#ttl': 'ttl' };
    const values: Record<string, unknown> = { ':day': day, ...this.#dayMeta(day) };
    const adds: string[] = [];
    if (counts.stages.length > 0) values[':one'] = 1;
    counts.stages.forEach((stage, i) => {
      names[`#s${i}`] = `${REACHED}${stage}`;
      adds.push(`#s${i} :one`);
    });
    [...counts.failures].forEach(([reason, n], i) => {
      names[`#f${i}`] = `${FAILED}${reason}`;
      values[`:f${i}`] = n;
      adds.push(`#f${i} :f${i}`);
    });
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: keys.analyticsDayKey(projectId, day),
        UpdateExpression: `ADD ${adds.join(', ')} SET #day = :day, entity = :entity, #ttl = :ttl`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** AP-115: appends one lead time to its day, or counts it as dropped when the day's list is full. */
  async #addLeadTime(projectId: string, sample: { ms: number; day: string }): Promise<void> {
    const Key = keys.analyticsDayKey(projectId, sample.day);
    const base = { TableName: this.#tableName, Key };
    try {
      await this.#client.send(
        new UpdateCommand({
          ...base,
          UpdateExpression:
            'SET leadTimesMs = list_append(if_not_exists(leadTimesMs, :empty), :sample), #day = :day, entity = :entity, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(leadTimesMs) OR size(leadTimesMs) < :max',
          ExpressionAttributeNames: { '#day': 'day', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':empty': [],
            ':sample': [sample.ms],
            ':max': MAX_LEAD_TIMES_PER_DAY,
            ':day': sample.day,
            ...this.#dayMeta(sample.day),
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await this.#client.send(
        new UpdateCommand({
          ...base,
          UpdateExpression: 'ADD leadTimesDropped :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    }
  }

  #dayMeta(day: string): { ':entity': string; ':ttl': number } {
    return {
      ':entity': 'AnalyticsDay',
      ':ttl': epochSeconds(new Date(`${day}T00:00:00.000Z`)) + DAY_TTL_SECONDS,
    };
  }
}

function toDay(item: Item): AnalyticsDay {
  const day: AnalyticsDay = {
    day: String(item.day),
    reached: {},
    failures: {},
    leadTimesMs: Array.isArray(item.leadTimesMs) ? item.leadTimesMs.map(Number) : [],
    leadTimesDropped: typeof item.leadTimesDropped === 'number' ? item.leadTimesDropped : 0,
  };
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== 'number') continue;
    if (name.startsWith(REACHED)) {
      const stage = name.slice(REACHED.length) as FunnelStage;
      if (FUNNEL_STAGES.includes(stage)) day.reached[stage] = value;
    } else if (name.startsWith(FAILED)) day.failures[name.slice(FAILED.length)] = value;
  }
  return day;
}
