import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ImportJobSchema, type ImportJob } from '#core/import-job.js';
import { VersionConflictError } from '#core/errors.js';
import type { ImportJobStore } from '#lambdas/console-ports.js';
import { isConditionalCheckFailed } from './conditional.js';
import { epochSeconds, parseInput, parseItem, toItem } from './items.js';
import { IMPORT_PREFIX, importJobKey, projectPartition } from './keys.js';
import type { DynamoDBStoreOptions } from './store-options.js';

/** Import jobs are kept a week after they start. */
const IMPORT_JOB_TTL_SECONDS = 7 * 24 * 3600;

/** "Import from Asana" jobs in the project's partition; each step is saved conditionally on the last. */
export class DynamoDBImportJobStore implements ImportJobStore {
  readonly #client: DynamoDBStoreOptions['client'];
  readonly #tableName: string;

  constructor({ client, tableName }: DynamoDBStoreOptions) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** AP-86: creates a job; VersionConflictError when the id is taken. */
  async createJob(job: ImportJob): Promise<void> {
    try {
      await this.#put(job, { ConditionExpression: 'attribute_not_exists(pk)' });
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      throw new VersionConflictError(`import job ${job.jobId} exists`, { cause: error });
    }
  }

  /** AP-87: a job by id. */
  async getJob(projectId: string, jobId: string): Promise<ImportJob | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: importJobKey(projectId, jobId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseItem(ImportJobSchema, Item, 'import job');
  }

  /** AP-88: saves a step when the stored step is `expectedStep`; false when another runner got there first. */
  async saveJob(job: ImportJob, expectedStep: number): Promise<boolean> {
    try {
      await this.#put(job, {
        ConditionExpression: 'step = :expected',
        ExpressionAttributeValues: { ':expected': expectedStep },
      });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** AP-89: the newest job of a project (ULID ids sort by time). */
  async latestJob(projectId: string): Promise<ImportJob | undefined> {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': projectPartition(projectId), ':prefix': IMPORT_PREFIX },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item === undefined ? undefined : parseItem(ImportJobSchema, item, 'import job');
  }

  async #put(
    job: ImportJob,
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
  ) {
    const data = parseInput(ImportJobSchema, job, 'import job');
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: toItem(data, {
          ...importJobKey(data.projectId, data.jobId),
          entity: 'ImportJob',
          ttl: epochSeconds(new Date(data.startedAt)) + IMPORT_JOB_TTL_SECONDS,
        }),
        ...condition,
      }),
    );
  }
}
