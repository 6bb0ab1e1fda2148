import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBImportJobStore } from '#adapters/aws/dynamodb-import-job-store.js';
import { afterListing, startImport } from '#core/import-job.js';
import { VersionConflictError } from '#core/errors.js';
import { ulidAt, uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const now = new Date('2026-01-01T00:00:00.000Z');

describe('DynamoDBImportJobStore', () => {
  let db: Dynalite;
  let store: DynamoDBImportJobStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBImportJobStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('creates jobs, finds the newest, and saves a step only over the step it read', async () => {
    const projectId = uniqueProjectId();
    const older = startImport({ projectId, jobId: ulidAt(1000), startedBy: 'u1', projectGids: ['A'] }, now);
    const newer = startImport({ projectId, jobId: ulidAt(2000), startedBy: 'u1', projectGids: ['A'] }, now);
    await store.createJob(older);
    await store.createJob(newer);
    await expect(store.createJob(newer)).rejects.toBeInstanceOf(VersionConflictError);

    expect(await store.latestJob(projectId)).toEqual(newer);
    const next = afterListing(newer, ['1'], undefined, now);
    expect(await store.saveJob(next, 0)).toBe(true);
    expect(await store.saveJob(next, 0)).toBe(false);
    expect(await store.getJob(projectId, newer.jobId)).toEqual(next);
  });
});
