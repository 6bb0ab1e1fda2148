import { describe, expect, it } from 'vitest';
import { afterApplying, afterListing, IMPORT_BATCH, nextImportWork, startImport } from '#core/import-job.js';

const now = new Date('2026-03-31T00:00:00.000Z');
const start = (projectGids = ['A', 'B']) =>
  startImport({ projectId: 'p1', jobId: 'j1', startedBy: 'u1', projectGids }, now);

describe('import jobs', () => {
  it('reaches back 90 days', () => {
    expect(start().since).toBe('2025-12-31T00:00:00.000Z');
  });

  it('lists every page of every Asana project, applying what each page found before listing on', () => {
    let job = start();
    expect(nextImportWork(job)).toEqual({ kind: 'list', projectGid: 'A' });

    job = afterListing(job, ['1', '2'], 'page-2', now);
    expect(nextImportWork(job)).toEqual({ kind: 'apply', gids: ['1', '2'] });

    job = afterApplying(
      job,
      [
        { gid: '1', result: 'created' },
        { gid: '2', result: 'skipped' },
      ],
      now,
    );
    expect(nextImportWork(job)).toEqual({ kind: 'list', projectGid: 'A', page: 'page-2' });

    job = afterListing(job, ['3'], undefined, now);
    job = afterApplying(job, [{ gid: '3', result: 'failed', error: 'boom' }], now);
    expect(nextImportWork(job)).toEqual({ kind: 'list', projectGid: 'B' });

    job = afterListing(job, [], undefined, now);
    expect(job).toMatchObject({
      status: 'done',
      listed: 3,
      created: 1,
      skipped: 1,
      failed: 1,
      errors: ['3: boom'],
    });
    expect(nextImportWork(job)).toEqual({ kind: 'done' });
  });

  it('applies at most a batch per step and counts each step', () => {
    const gids = Array.from({ length: IMPORT_BATCH + 3 }, (_, i) => String(i));
    const job = afterListing(start(['A']), gids, undefined, now);

    expect(job.step).toBe(1);
    expect(nextImportWork(job)).toEqual({ kind: 'apply', gids: gids.slice(0, IMPORT_BATCH) });
  });

  it('finishes at once when the project has no Asana projects', () => {
    expect(start([]).status).toBe('done');
  });
});
