import { beforeEach, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '#core/project-config.js';
import { executionNameOf } from '#core/actions.js';
import type { Task } from '#core/task.js';
import { createAction, createAsanaRecord, createTask } from '../../helpers/factories.js';
import { ulidAt } from '../../helpers/dynamo-fixtures.js';
import type { Browser } from './harness.js';
import { member, type Harness, perTestAdminHarness } from './harness.js';

describe('dashboard, task page and task actions', () => {
  let h: Harness;
  let admin: Browser;
  let project: ProjectConfig;
  perTestAdminHarness((bed) => ({ h, admin, project } = bed));

  const seed = async (n: number, overrides: (i: number) => Partial<Task> = () => ({})) => {
    for (let i = 0; i < n; i++)
      await h.tasks.createTask(
        createTask({
          projectId: project.projectId,
          taskId: ulidAt(1_700_000_000_000 + i),
          asanaGid: `${1000 + i}`,
          title: `Task ${i}`,
          ...overrides(i),
        }),
      );
  };

  it('lists tasks newest first in pages of 25 or 50 with a cursor, without internals', async () => {
    await seed(30);

    const first = await admin.get('/projects/acme/tasks?limit=25');
    const second = await admin.get(`/projects/acme/tasks?limit=25&cursor=${first.json.cursor}`);

    expect(first.json.items).toHaveLength(25);
    expect(first.json.items[0]).toMatchObject({
      title: 'Task 29',
      status: 'ISSUE_CREATED',
      issue: { number: 7 },
      pr: null,
      ci: { state: 'none' },
    });
    expect(first.json.items[0]).not.toHaveProperty('outbox');
    expect(second.json.items.map((t: { title: string }) => t.title)).toEqual([
      'Task 4',
      'Task 3',
      'Task 2',
      'Task 1',
      'Task 0',
    ]);
    expect(second.json.cursor).toBeNull();
    expect((await admin.get('/projects/acme/tasks?limit=50')).json.items).toHaveLength(30);
  });

  it('filters by status through the status index', async () => {
    await seed(6, (i) => (i % 2 ? { stage: 'DEPLOYED', status: 'DEPLOYED' } : {}));

    const res = await admin.get('/projects/acme/tasks?status=DEPLOYED');

    expect(res.json.items.map((t: { title: string }) => t.title)).toEqual(['Task 5', 'Task 3', 'Task 1']);
  });

  it('names the bad field of a bad query', async () => {
    const res = await admin.get('/projects/acme/tasks?status=NOPE&limit=500');

    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['limit', 'status']);
    expect((await admin.get('/projects/acme/tasks?cursor=abc')).json.error.issues[0].path).toBe('cursor');
  });

  it('shows a task with its timeline, links, CI runs and held effects', async () => {
    await seed(1, () => ({
      outbox: [createAction({ actionId: 'a-1', heldReason: 'project kill switch is on' })],
    }));
    const taskId = ulidAt(1_700_000_000_000);
    await h.tasks.appendTimeline(project.projectId, taskId, [
      {
        at: '2026-01-01T00:00:00.000Z',
        source: 'asana',
        kind: 'task.received',
        message: 'Task received',
        to: 'RECEIVED',
        ids: { asanaGid: '1000' },
      },
    ]);

    await h.tasks.putRef(project.projectId, { kind: 'asana', gid: '1000' }, taskId);

    const res = await admin.get(`/projects/acme/tasks/${taskId}`);

    expect(res.json.task).toMatchObject({
      taskId,
      asanaGid: '1000',
      pending: [{ actionId: 'a-1', kind: 'github.comment', heldReason: 'project kill switch is on' }],
    });
    expect(res.json.timeline).toEqual([
      expect.objectContaining({ source: 'asana', to: 'RECEIVED', ids: { asanaGid: '1000' } }),
    ]);
    expect((await admin.get('/projects/acme/tasks/01JNOPE0000000000000000000')).status).toBe(404);
    expect((await admin.get('/projects/acme/tasks/by-asana/1000')).json).toEqual({ taskId });
  });

  it('shows the TaskSpec versions newest first, stored on the timeline through DynamoDB', async () => {
    await seed(1);
    const taskId = ulidAt(1_700_000_000_000);
    const spec = (version: number, title: string, changed: ('title' | 'notes')[]) => ({
      version,
      title,
      notes: `Notes of v${version}`,
      changed,
    });
    await h.tasks.appendTimeline(project.projectId, taskId, [
      {
        at: '2026-01-01T00:00:00.000Z',
        source: 'asana',
        kind: 'task.received',
        message: 'Task received',
        spec: spec(1, 'First', ['title', 'notes']),
      },
      { at: '2026-01-01T00:01:00.000Z', source: 'autoflow', kind: 'issue.created', message: 'Issue created' },
      {
        at: '2026-01-02T00:00:00.000Z',
        source: 'asana',
        kind: 'asana.details_changed',
        message: 'Title changed',
        spec: spec(2, 'Second', ['title']),
      },
    ]);

    const res = await admin.get(`/projects/acme/tasks/${taskId}`);

    expect(res.json.specVersions).toEqual([
      { ...spec(2, 'Second', ['title']), at: '2026-01-02T00:00:00.000Z', kind: 'asana.details_changed' },
      { ...spec(1, 'First', ['title', 'notes']), at: '2026-01-01T00:00:00.000Z', kind: 'task.received' },
    ]);
    expect(res.json.timeline.some((e: { spec?: unknown }) => 'spec' in e)).toBe(false);
  });

  describe('actions', () => {
    let editor: Browser;
    const taskId = ulidAt(1_700_000_000_000);
    beforeEach(async () => {
      editor = await member(h, admin, 'acme', 'editor', 'eddie');
    });

    it('force-links a PR through applyEvent: timeline, PR reference and status', async () => {
      await seed(1);

      const res = await editor.post(`/projects/acme/tasks/${taskId}/commands`, {
        kind: 'force_link_pr',
        number: 42,
      });

      expect(res.status).toBe(200);
      expect(res.json.task).toMatchObject({ status: 'PR_CREATED', pr: { number: 42 } });
      expect(await h.tasks.findTaskId(project.projectId, { kind: 'pr', repo: 'acme/web', number: 42 })).toBe(
        taskId,
      );
      const timeline = (await admin.get(`/projects/acme/tasks/${taskId}`)).json.timeline;
      expect(timeline.at(-1)).toMatchObject({
        source: 'user',
        message: 'PR #42 linked by eddie',
        from: 'ISSUE_CREATED',
        to: 'PR_CREATED',
      });
    });

    it('adds a note and starts the Asana comment as the user’s action', async () => {
      await seed(1);

      await editor.post(`/projects/acme/tasks/${taskId}/commands`, { kind: 'add_note', text: 'Looks good' });

      expect(h.started).toEqual([
        expect.objectContaining({
          params: expect.objectContaining({ kind: 'asana.comment' }),
          requestedBy: { type: 'User', id: expect.any(String) },
        }),
      ]);
    });

    it('changes the repo of a task that needs one and creates the issue there', async () => {
      await seed(1, () => ({ issue: undefined, stage: 'RECEIVED', repo: undefined, repoOption: 'Web' }));

      const res = await editor.post(`/projects/acme/tasks/${taskId}/commands`, {
        kind: 'change_repo',
        repo: 'acme/api',
      });

      expect(res.json.task).toMatchObject({ repo: 'acme/api', status: 'RECEIVED' });
      expect(h.started.map((a) => a.params.kind)).toEqual(['github.create_issue']);
    });

    it('retries a failed issue, and refuses while the kill switch is on', async () => {
      await seed(1, () => ({ issue: undefined, stage: 'FAILED', failureReason: 'boom' }));
      await h.deps.killSwitches.setKillSwitch({ projectId: project.projectId }, true, 'ops', h.clock.now());

      const refused = await editor.post(`/projects/acme/tasks/${taskId}/commands`, { kind: 'retry' });
      await h.deps.killSwitches.setKillSwitch({ projectId: project.projectId }, false, 'ops', h.clock.now());
      const retried = await editor.post(`/projects/acme/tasks/${taskId}/commands`, { kind: 'retry' });

      expect(refused.json.error.code).toBe('kill_switch_on');
      expect(retried.json.task.status).toBe('RECEIVED');
      expect(h.started.map((a) => a.params.kind)).toEqual(['github.create_issue']);
    });

    it('re-syncs from Asana: who asked, then the current snapshot', async () => {
      await seed(1, () => ({ asanaGid: '1200000000000001' }));
      h.asana.tasks.set(
        '1200000000000001',
        createAsanaRecord({ name: 'Renamed in Asana', modifiedAt: '2026-02-01T00:00:00.000Z' }),
      );

      const res = await editor.post(`/projects/acme/tasks/${taskId}/commands`, { kind: 'resync' });

      expect(res.json.task.title).toBe('Renamed in Asana');
      const kinds = (await admin.get(`/projects/acme/tasks/${taskId}`)).json.timeline.map(
        (e: { kind: string }) => e.kind,
      );
      expect(kinds).toEqual(['console.resync', 'asana.details_changed']);
    });

    it('releases held effects: their next run, same action ids, noted on the timeline', async () => {
      await seed(1, () => ({
        outbox: [createAction({ actionId: `${taskId}-1`, heldReason: 'project kill switch is on' })],
      }));

      const res = await editor.post(`/projects/acme/tasks/${taskId}/commands`, { kind: 'retry' });

      expect(res.status).toBe(200);
      expect(h.started.map((a) => executionNameOf(a))).toEqual([`${taskId}-1-r1`]);
      expect(res.json.task.pending).toEqual([
        expect.objectContaining({ actionId: `${taskId}-1`, heldReason: null }),
      ]);
      const timeline = (await admin.get(`/projects/acme/tasks/${taskId}`)).json.timeline;
      expect(timeline.at(-1)).toMatchObject({
        kind: 'effect.released',
        message: 'github.comment started again: retry by eddie',
      });
    });

    it('says why a command does not apply, and names a bad field', async () => {
      await seed(1);

      const rejected = await editor.post(`/projects/acme/tasks/${taskId}/commands`, { kind: 'retry' });
      const invalid = await editor.post(`/projects/acme/tasks/${taskId}/commands`, {
        kind: 'force_link_pr',
        number: -1,
      });

      expect(rejected.status).toBe(409);
      expect(rejected.json.error).toMatchObject({
        code: 'command_rejected',
        message: expect.stringMatching(/Nothing to retry/),
      });
      expect(invalid.json.error.issues[0].path).toBe('number');
    });

    it('creates the task in Asana with AutoTask on and the repo option that maps to the chosen repo', async () => {
      h.asana.options.set('cf-autotask', [
        { gid: 'o-no', name: 'No', enabled: true },
        { gid: 'o-on', name: 'On', enabled: true },
      ]);
      const res = await editor.post('/projects/acme/tasks', {
        title: 'Add search',
        notes: 'Box',
        repo: 'acme/api',
      });

      expect(res.status).toBe(201);
      expect(h.asana.created).toEqual([
        {
          projectGid: 'asana-proj-1',
          name: 'Add search',
          notes: 'Box',
          enumValues: { 'cf-autotask': 'On', 'cf-repo': 'acme/api' },
        },
      ]);
      expect(
        (await editor.post('/projects/acme/tasks', { title: 'x', repo: 'other/repo' })).json.error.issues[0]
          .path,
      ).toBe('repo');
    });
  });
});
