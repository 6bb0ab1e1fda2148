import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../../helpers/factories.js';
import { ulidAt } from '../../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { seedProject } from '../harness.js';
import { call, createV1Harness, issueToken, type V1Harness } from './v1-harness.js';

describe('/api/v1/tasks filters and pagination', () => {
  let db: Dynalite;
  let h: V1Harness;
  let token: string;
  const ids: string[] = [];

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    const project = await seedProject(h);
    token = (await issueToken(h, project.projectId, 'viewer')).secret;
    for (let i = 0; i < 7; i++) {
      const taskId = ulidAt(1_700_000_000_000 + i);
      ids.push(taskId);
      await h.tasks.createTask(
        createTask({
          projectId: project.projectId,
          taskId,
          asanaGid: `${5000 + i}`,
          title: `Task ${i}`,
          updatedAt: `2026-02-0${i + 1}T00:00:00.000Z`,
          ...(i % 2 === 1 && { stage: 'FAILED', issue: undefined }),
        }),
      );
    }
  });
  afterAll(() => db.stop());

  /** Follows the cursor to the end and returns every item's title. */
  async function walk(query: string): Promise<{ titles: string[]; pages: number }> {
    const titles: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(h, 'GET', `/tasks?${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      titles.push(...res.json.items.map((t: { title: string }) => t.title));
      cursor = res.json.cursor;
      pages++;
    } while (cursor && pages < 20);
    return { titles, pages };
  }

  it('pages through every task, newest first, with an opaque cursor', async () => {
    const { titles, pages } = await walk('limit=3');

    expect(titles).toEqual(['Task 6', 'Task 5', 'Task 4', 'Task 3', 'Task 2', 'Task 1', 'Task 0']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('filters by status through the status index', async () => {
    const { titles } = await walk('status=FAILED&limit=2');

    expect(titles).toEqual(['Task 5', 'Task 3', 'Task 1']);
  });

  it('filters by update time, across pages that may come back short', async () => {
    const { titles } = await walk(`updatedSince=${encodeURIComponent('2026-02-04T00:00:00Z')}&limit=2`);

    expect(titles).toEqual(['Task 6', 'Task 5', 'Task 4', 'Task 3']);
  });
});
