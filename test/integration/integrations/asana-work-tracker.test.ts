import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AsanaWorkTracker } from '#adapters/asana/asana-work-tracker.js';
import { createAsanaClient, type CreateAsanaClientOptions } from '#adapters/asana/create-asana-client.js';
import { PermanentIntegrationError, TransientIntegrationError } from '#core/errors.js';
import type { ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { ASANA_TOKEN, startTestSandbox } from '../sandbox/sandbox-client.js';

let keys = 0;
/** A comment keyed on a fresh action id, looking back to the start of time. */
const once = (key = `act-${++keys}`, since = '2000-01-01T00:00:00.000Z') => ({ key, since });

describe('AsanaWorkTracker against the sandbox', () => {
  let sandbox: Sandbox;
  let project: ProjectSummary;
  let taskGid: string;

  const tracker = (options: Partial<CreateAsanaClientOptions> = {}): AsanaWorkTracker =>
    new AsanaWorkTracker({
      client: createAsanaClient({ token: ASANA_TOKEN, basePath: `${sandbox.url}/asana/api/1.0`, ...options }),
    });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    project = sandbox.control.createProject({ name: 'Roadmap' });
  });
  beforeEach(() => {
    sandbox.control.clearFaults();
    taskGid = String(
      sandbox.control.createTask({
        projectGid: project.gid,
        name: 'Add search',
        notes: 'Details',
        autoTask: true,
        repo: 'acme/web',
        status: 'On track',
      }).gid,
    );
  });
  afterAll(() => sandbox.stop());

  it('maps the task to an AsanaTaskRecord with its enum fields', async () => {
    const task = await tracker().getTask(taskGid);

    expect(task).toEqual({
      gid: taskGid,
      name: 'Add search',
      notes: 'Details',
      completed: false,
      modifiedAt: sandbox.state.asana.tasks[taskGid]!.modifiedAt,
      permalinkUrl: `${sandbox.url}/asana/0/${project.gid}/${taskGid}`,
      customFields: [
        {
          gid: project.fields.autoTask.gid,
          name: 'AutoTask',
          type: 'enum',
          enumValue: { gid: project.fields.autoTask.options.Yes!, name: 'Yes' },
          textValue: null,
        },
        {
          gid: project.fields.repo.gid,
          name: 'Repo',
          type: 'enum',
          enumValue: { gid: project.fields.repo.options['acme/web']!, name: 'acme/web' },
          textValue: null,
        },
        {
          gid: project.fields.status.gid,
          name: 'Status',
          type: 'enum',
          enumValue: { gid: project.fields.status.options['On track']!, name: 'On track' },
          textValue: null,
        },
      ],
    });
  });

  it('returns undefined for a task that does not exist', async () => {
    expect(await tracker().getTask('1234')).toBeUndefined();
  });

  it('completes and reopens a task', async () => {
    const asana = tracker();

    await asana.completeTask(taskGid);
    const completed = sandbox.state.asana.tasks[taskGid]!.completed;
    await asana.reopenTask(taskGid);

    expect(completed).toBe(true);
    expect(sandbox.state.asana.tasks[taskGid]!.completed).toBe(false);
  });

  it('comments on a task', async () => {
    await tracker().comment(taskGid, 'Deployed: CI is green on the merge commit.', once());

    expect(
      sandbox.state.asana.stories
        .filter((s) => s.taskGid === taskGid && s.type === 'comment')
        .map((s) => s.text),
    ).toEqual(['Deployed: CI is green on the merge commit.']);
  });

  it('comments once: the same text since the action was created counts as posted', async () => {
    const asana = tracker();
    const texts = () =>
      sandbox.state.asana.stories
        .filter((s) => s.taskGid === taskGid && s.type === 'comment')
        .map((s) => s.text);
    const before = texts().length;

    await asana.comment(taskGid, 'CI failed on abc1234.', once('a-1'));
    await asana.comment(taskGid, 'CI failed on abc1234.', once('a-1'));
    await asana.comment(taskGid, 'CI failed on def5678.', once('a-2'));
    await asana.comment(taskGid, 'CI failed on abc1234.', once('a-3', '2999-01-01T00:00:00.000Z'));

    expect(texts().slice(before)).toEqual([
      'CI failed on abc1234.',
      'CI failed on def5678.',
      'CI failed on abc1234.',
    ]);
  });

  it('translates a wrong token into a PermanentIntegrationError, keeping the cause', async () => {
    const error = await tracker({ token: 'wrong' })
      .getTask(taskGid)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentIntegrationError);
    expect((error as Error).message).toContain('401');
    expect((error as Error).message).toContain('Not Authorized');
    expect((error as Error).cause).toMatchObject({ status: 401 });
  });

  it('translates a 404 on a write into a PermanentIntegrationError', async () => {
    await expect(tracker().completeTask('1234')).rejects.toBeInstanceOf(PermanentIntegrationError);
  });

  it('translates a 5xx and a 429 into TransientIntegrationError', async () => {
    sandbox.control.addFault({ service: 'asana', status: 500, count: 1 });
    sandbox.control.addFault({ service: 'asana', status: 429, count: 1 });

    await expect(tracker().comment(taskGid, 'x', once())).rejects.toBeInstanceOf(TransientIntegrationError);
    await expect(tracker().getTask(taskGid)).rejects.toBeInstanceOf(TransientIntegrationError);
  });

  it('translates a timeout and a refused connection into TransientIntegrationError', async () => {
    sandbox.control.addFault({ service: 'asana', delayMs: 500, count: 1 });

    await expect(tracker({ timeoutMs: 100 }).getTask(taskGid)).rejects.toBeInstanceOf(
      TransientIntegrationError,
    );
    await expect(tracker({ basePath: 'http://127.0.0.1:1/api/1.0' }).getTask(taskGid)).rejects.toBeInstanceOf(
      TransientIntegrationError,
    );
  });
});
