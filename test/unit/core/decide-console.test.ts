import { describe, expect, it } from 'vitest';
import type { ConsoleCommand } from '#core/console-command.js';
import { decide } from '#core/decide.js';
import { consoleCommandProblem, pullUrl } from '#core/decide-console.js';
import type { DomainEvent } from '#core/events.js';
import type { Task } from '#core/task.js';
import {
  createAction,
  createAsanaRecord,
  createProjectConfig,
  createTask,
  CTX,
  REPO,
  TASK_ID,
} from '../../helpers/factories.js';

const config = createProjectConfig();
const by = { userId: 'u-alice', username: 'alice' };
const command = (c: ConsoleCommand): DomainEvent => ({ type: 'console.command', by, command: c });

describe('console commands', () => {
  describe('retry', () => {
    it('tries the issue again when creating it failed', () => {
      const task = createTask({
        stage: 'FAILED',
        issue: undefined,
        failureReason: 'Creating the issue failed: 502',
      });

      const d = decide(task, command({ kind: 'retry' }), config, CTX);

      expect(d.task).toMatchObject({ stage: 'RECEIVED', status: 'RECEIVED' });
      expect(d.task?.failureReason).toBeUndefined();
      expect(d.actions.map((a) => a.params.kind)).toEqual(['github.create_issue']);
      expect(d.timeline.map((e) => [e.source, e.kind])).toEqual([
        ['user', 'console.retry'],
        ['autoflow', 'issue.requested'],
      ]);
      expect(d.timeline[0]?.message).toBe('Retry by alice');
      expect(d.timeline[1]).toMatchObject({ from: 'FAILED', to: 'RECEIVED' });
    });

    it('releases held effects: same ids, the next run, a note per effect', () => {
      const { heldReason: _, ...action } = createAction({ actionId: `${TASK_ID}-1` });
      const task = createTask({
        outbox: [{ ...action, heldReason: 'project kill switch is on' }],
        actionSeq: 1,
      });

      const d = decide(task, command({ kind: 'retry' }), config, CTX);

      expect(consoleCommandProblem(task, { kind: 'retry' }, config)).toBeUndefined();
      expect(d.task?.outbox).toEqual([{ ...action, releases: 1 }]);
      expect(d.timeline.map((e) => [e.kind, e.message])).toEqual([
        ['effect.released', 'github.comment started again: retry by alice'],
      ]);
    });

    it('has nothing to retry on a healthy task, and says what to do after red CI', () => {
      expect(consoleCommandProblem(createTask(), { kind: 'retry' }, config)).toMatch(/Nothing to retry/);
      expect(consoleCommandProblem(createTask({ stage: 'FAILED' }), { kind: 'retry' }, config)).toMatch(
        /re-run the workflow in GitHub/,
      );
      expect(decide(createTask(), command({ kind: 'retry' }), config, CTX).timeline).toEqual([]);
    });
  });

  describe('force link PR', () => {
    it('links a PR of the issue repo and moves the task to PR_CREATED', () => {
      const d = decide(createTask(), command({ kind: 'force_link_pr', number: 31 }), config, CTX);

      expect(d.task?.pr).toEqual({ number: 31, url: `https://github.com/${REPO}/pull/31` });
      expect(d.task?.stage).toBe('PR_CREATED');
      expect(d.timeline[0]).toMatchObject({
        source: 'user',
        kind: 'console.pr_linked',
        message: 'PR #31 linked by alice',
        from: 'ISSUE_CREATED',
        to: 'PR_CREATED',
        links: [{ label: 'PR #31', url: `https://github.com/${REPO}/pull/31` }],
      });
    });

    it('replaces a linked PR before merge, and refuses without an issue or after merge', () => {
      const linked = createTask({ stage: 'PR_CREATED', pr: { number: 12, url: 'u' } });
      expect(
        decide(linked, command({ kind: 'force_link_pr', number: 13 }), config, CTX).timeline[0]?.message,
      ).toBe('PR #13 linked by alice (replaces PR #12)');
      expect(consoleCommandProblem(linked, { kind: 'force_link_pr', number: 12 }, config)).toMatch(
        /already linked/,
      );
      expect(
        consoleCommandProblem(
          createTask({ issue: undefined, stage: 'RECEIVED' }),
          { kind: 'force_link_pr', number: 1 },
          config,
        ),
      ).toMatch(/no issue/);
      expect(
        consoleCommandProblem(
          createTask({ stage: 'WAITING_CI' }),
          { kind: 'force_link_pr', number: 1 },
          config,
        ),
      ).toMatch(/before it is merged/);
    });

    it('derives the PR URL from the issue URL', () => {
      expect(pullUrl('http://127.0.0.1:1/web/acme/web/issues/4', 'acme/web', 5)).toBe(
        'http://127.0.0.1:1/web/acme/web/pull/5',
      );
      expect(pullUrl('odd', 'acme/web', 5)).toBe('https://github.com/acme/web/pull/5');
    });
  });

  describe('change repo', () => {
    const needsRepo: Task = createTask({
      issue: undefined,
      stage: 'RECEIVED',
      repo: undefined,
      repoOption: 'Website',
    });

    it('sets a configured repo (its configured spelling) and creates the issue there', () => {
      const d = decide(needsRepo, command({ kind: 'change_repo', repo: 'ACME/api' }), config, CTX);

      expect(d.task).toMatchObject({ repo: 'acme/api', status: 'RECEIVED' });
      expect(d.actions[0]?.params).toMatchObject({ kind: 'github.create_issue', repo: 'acme/api' });
      expect(d.timeline[0]).toMatchObject({
        message: 'Repository set to acme/api by alice',
        from: 'NEEDS_REPO',
        to: 'RECEIVED',
      });
    });

    it('refuses once the issue exists or is on the way, and for unknown repos', () => {
      expect(consoleCommandProblem(createTask(), { kind: 'change_repo', repo: 'acme/api' }, config)).toMatch(
        /already exists/,
      );
      const pending = createTask({
        issue: undefined,
        stage: 'RECEIVED',
        outbox: [
          createAction({
            params: {
              kind: 'github.create_issue',
              repo: REPO,
              title: 't',
              body: 'b',
              labels: [],
              marker: 'm',
            },
          }),
        ],
      });
      expect(consoleCommandProblem(pending, { kind: 'change_repo', repo: 'acme/api' }, config)).toMatch(
        /being created/,
      );
      expect(consoleCommandProblem(needsRepo, { kind: 'change_repo', repo: 'other/repo' }, config)).toMatch(
        /not one of/,
      );
    });
  });

  it('adds a note to the timeline and posts it to Asana as the user', () => {
    const d = decide(
      createTask(),
      command({ kind: 'add_note', text: 'Ship it after the freeze' }),
      config,
      CTX,
    );

    expect(d.timeline).toEqual([
      expect.objectContaining({
        source: 'user',
        kind: 'console.note',
        message: 'alice: Ship it after the freeze',
        ids: { by: 'u-alice' },
      }),
    ]);
    expect(d.actions).toEqual([
      expect.objectContaining({
        params: {
          kind: 'asana.comment',
          asanaGid: createTask().asanaGid,
          text: 'Ship it after the freeze\n\n— alice, via Auto-Flow',
        },
        requestedBy: { type: 'User', id: 'u-alice' },
      }),
    ]);
  });

  it('re-syncs from the snapshot it carries, after noting who asked', () => {
    const snapshot = createAsanaRecord({ name: 'Renamed', modifiedAt: '2025-01-01T11:30:00.000Z' });

    const d = decide(createTask(), { ...command({ kind: 'resync' }), snapshot } as DomainEvent, config, CTX);

    expect(d.task?.title).toBe('Renamed');
    expect(d.timeline.map((e) => e.kind)).toEqual(['console.resync', 'asana.details_changed']);
    expect(d.timeline[0]?.message).toBe('Re-sync from Asana by alice');
  });

  it('treats a task gone from Asana as deleted on re-sync', () => {
    const d = decide(
      createTask(),
      { ...command({ kind: 'resync' }), snapshot: null } as DomainEvent,
      config,
      CTX,
    );

    expect(d.task?.status).toBe('CANCELLED');
    expect(d.actions.map((a) => a.params.kind)).toEqual(['github.close_issue']);
  });

  it('changes nothing when a re-sync finds Asana as it was', () => {
    const task = createTask();
    const same = createAsanaRecord({ modifiedAt: task.asanaModifiedAt });

    expect(
      decide(task, { ...command({ kind: 'resync' }), snapshot: same } as DomainEvent, config, CTX).task,
    ).toBe(task);
  });

  it('is a no-op when replayed after it applied (a change of repo is not repeated)', () => {
    const once = decide(
      createTask({ issue: undefined, stage: 'RECEIVED', repo: undefined }),
      command({ kind: 'change_repo', repo: 'acme/api' }),
      config,
      CTX,
    );
    const twice = decide(once.task, command({ kind: 'change_repo', repo: 'acme/api' }), config, CTX);

    expect(twice.actions).toEqual([]);
    expect(twice.task).toEqual(once.task);
  });
});
