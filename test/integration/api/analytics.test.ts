import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '#core/project-config.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createTimelineEntry } from '../../helpers/dynamo-fixtures.js';
import { createTask } from '../../helpers/factories.js';
import type { Browser } from './harness.js';
import { createHarness, member, seedProject, signedInAdmin, type Harness } from './harness.js';

describe('analytics routes', () => {
  let db: Dynalite;
  let h: Harness;
  let viewer: Browser;
  let admin: Browser;
  let project: ProjectConfig;
  const base = '/projects/acme/analytics';

  beforeAll(async () => {
    db = await startDynalite();
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    project = await seedProject(h);
    viewer = await member(h, admin, 'acme', 'viewer', 'vic-viewer');
    const { projectId } = project;
    // Harness clock: 2026-03-01. Two tasks in the 2026-02-27 cohort, one deployed, one failed.
    for (const [taskId, status] of [
      ['t1', 'DEPLOYED'],
      ['t2', 'FAILED'],
    ] as const) {
      await h.analytics.recordProgress({
        projectId,
        taskId,
        cohortDay: '2026-02-27',
        status: { to: status },
        stages:
          status === 'DEPLOYED'
            ? ['AUTOTASK', 'ISSUE', 'PR', 'MERGE', 'CI_SUCCESS', 'DEPLOYED']
            : ['AUTOTASK', 'ISSUE', 'PR', 'MERGE'],
        failures: status === 'FAILED' ? [{ reason: 'CI failed: build', day: '2026-02-28' }] : [],
        ...(status === 'DEPLOYED' && { leadTime: { ms: 60_000, day: '2026-02-28' } }),
      });
    }
  });
  afterAll(() => db.stop());

  it('answers the summary from the status counts', async () => {
    const res = await viewer.get(`${base}/summary`);

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: 2, open: 1, byStatus: { DEPLOYED: 1, FAILED: 1, RECEIVED: 0 } });
  });

  it('answers the funnel, lead time and failures of the default range (last 30 days)', async () => {
    const funnel = await viewer.get(`${base}/funnel`);
    const lead = await viewer.get(`${base}/lead-time?from=2026-02-01&to=2026-03-01`);
    const failures = await viewer.get(`${base}/failures?limit=5`);

    expect(funnel.json).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
      stages: [
        { stage: 'AUTOTASK', count: 2 },
        { stage: 'ISSUE', count: 2 },
        { stage: 'PR', count: 2 },
        { stage: 'MERGE', count: 2 },
        { stage: 'CI_SUCCESS', count: 1 },
        { stage: 'DEPLOYED', count: 1 },
      ],
    });
    expect(lead.json.weeks).toEqual([
      { week: '2026-W09', count: 1, p50Ms: 60000, p90Ms: 60000, exact: true },
    ]);
    expect(failures.json.reasons).toEqual([{ reason: 'CI failed: build', count: 1 }]);
  });

  it('refuses bad ranges with a 400 naming the field', async () => {
    const backwards = await viewer.get(`${base}/funnel?from=2026-03-02&to=2026-03-01`);
    const notADay = await viewer.get(`${base}/lead-time?from=yesterday`);
    const tooLong = await viewer.get(`${base}/failures?from=2024-01-01&to=2026-01-01`);
    const unknown = await viewer.get(`${base}/funnel?since=2026-01-01`);

    expect(backwards.status).toBe(400);
    expect(backwards.json.error.issues).toEqual([{ path: 'from', message: 'must be on or before to' }]);
    expect(notADay.status).toBe(400);
    expect(notADay.json.error.issues[0].path).toBe('from');
    expect(tooLong.json.error.issues[0].path).toBe('to');
    expect(unknown.status).toBe(400);
  });

  it('shows the job queue and webhook health', async () => {
    await h.queue.send({
      deliveryId: 'd-1',
      projectId: project.projectId,
      source: 'asana',
      receivedAt: '2026-03-01T09:00:00.000Z',
      event: {
        type: 'asana.task_touched',
        asanaGid: '1',
        action: 'changed',
        occurredAt: '2026-03-01T09:00:00.000Z',
      },
    });
    h.clock.advance(30_000);

    const jobs = await viewer.get(`${base}/jobs/health`);
    const hooks = await viewer.get(`${base}/webhooks/health`);

    expect(jobs.json).toEqual({
      queueDepth: 1,
      inFlight: 0,
      oldestMessageAgeSeconds: 30,
      deadLetterDepth: 0,
    });
    expect(hooks.json).toMatchObject({ days: 7, github: { totals: {} }, asana: { lastDeliveryAt: null } });
  });

  it('recounts the status counts from the tasks for an admin, and refuses a viewer', async () => {
    await h.tasks.createTask(
      createTask({ projectId: project.projectId, taskId: 'rc1', status: 'WAITING_CI' }),
    );

    const refused = await viewer.post(`${base}/recount`);
    const recounted = await admin.post(`${base}/recount`);

    expect(refused.status).toBe(403);
    expect(recounted.json).toMatchObject({ total: 1, byStatus: { WAITING_CI: 1, DEPLOYED: 0 } });
    expect((await viewer.get(`${base}/summary`)).json.total).toBe(1);
  });

  it("lists a task's events and answers 404 for a task of no such id", async () => {
    const task = createTask({ projectId: project.projectId, taskId: 'ev1' });
    await h.tasks.createTask(task);
    await h.tasks.appendTimeline(project.projectId, 'ev1', [createTimelineEntry({ kind: 'task.received' })]);

    const res = await viewer.get(`${base}/tasks/ev1/events`);
    const missing = await viewer.get(`${base}/tasks/nope/events`);
    const invalid = await viewer.get(`${base}/tasks/a%23b/events`);

    expect(res.json).toMatchObject({ taskId: 'ev1', items: [{ kind: 'task.received' }] });
    expect(missing.status).toBe(404);
    expect(invalid.status).toBe(404);
  });
});
