import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { startReceiver, type ReceivedRequest, type Receiver } from './receiver.js';
import { asana, startTestSandbox } from './sandbox-client.js';

interface AsanaEvents {
  events: {
    action: string;
    resource: { gid: string; resource_type: string };
    parent: { gid: string } | null;
    user: { gid: string };
    created_at: string;
    change?: { field: string };
  }[];
}

const events = (request: ReceivedRequest): AsanaEvents['events'] =>
  (JSON.parse(request.body) as AsanaEvents).events;

describe('sandbox Asana webhooks', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let project: ProjectSummary;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    project = sandbox.control.createProject({ name: 'Roadmap' });
    receiver.requests.length = 0;
    receiver.respondWith(200);
    receiver.echoHookSecret(true);
  });
  afterEach(() => sandbox.stop());
  afterAll(() => receiver.stop());

  async function subscribe(filters?: unknown[]): Promise<string> {
    const response = await asana<{ data: { gid: string } }>(sandbox, '/webhooks', {
      body: { data: { resource: project.gid, target: `${receiver.url}/asana`, filters } },
    });
    expect(response.status).toBe(201);
    const handshake = receiver.requests.find((r) => r.headers['x-hook-secret']);
    return handshake!.headers['x-hook-secret']!;
  }

  it('performs the handshake, then signs deliveries with the handshake secret', async () => {
    const secret = await subscribe();

    const task = sandbox.control.createTask({ projectGid: project.gid, name: 'New', autoTask: false });
    const [delivery] = await receiver.waitFor((r) => !r.headers['x-hook-secret']);

    expect(delivery!.headers['x-hook-signature']).toBe(
      createHmac('sha256', secret).update(delivery!.body).digest('hex'),
    );
    expect(events(delivery!)).toEqual([
      expect.objectContaining({
        action: 'added',
        resource: expect.objectContaining({ gid: task.gid, resource_type: 'task' }),
        parent: expect.objectContaining({ gid: project.gid }),
      }),
    ]);
  });

  it('refuses the webhook with a 400 when the target does not echo the secret', async () => {
    receiver.echoHookSecret(false);

    const response = await asana(sandbox, '/webhooks', {
      body: { data: { resource: project.gid, target: `${receiver.url}/asana` } },
    });
    const listed = await asana<{ data: unknown[] }>(sandbox, `/webhooks?workspace=${project.workspaceGid}`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ message: expect.stringContaining('handshake') }] });
    expect(listed.body.data).toHaveLength(0);
  });

  it('lists webhooks of the workspace and deletes them', async () => {
    await subscribe();

    const listed = await asana<{ data: { gid: string; resource: { gid: string }; target: string }[] }>(
      sandbox,
      `/webhooks?workspace=${project.workspaceGid}`,
    );
    const noWorkspace = await asana(sandbox, '/webhooks');
    const deleted = await asana(sandbox, `/webhooks/${listed.body.data[0]!.gid}`, { method: 'DELETE' });
    const after = await asana<{ data: unknown[] }>(sandbox, `/webhooks?workspace=${project.workspaceGid}`);

    expect(listed.body.data).toEqual([
      expect.objectContaining({
        resource: expect.objectContaining({ gid: project.gid }),
        target: `${receiver.url}/asana`,
      }),
    ]);
    expect(noWorkspace.status).toBe(400);
    expect(deleted.status).toBe(200);
    expect(after.body.data).toHaveLength(0);
  });

  it('sends one changed event per changed field, in one delivery', async () => {
    await subscribe();
    const task = sandbox.control.createTask({ projectGid: project.gid, name: 'Edit me', autoTask: false });
    await receiver.waitFor((r) => !r.headers['x-hook-secret']);

    sandbox.control.updateTask(String(task.gid), { autoTask: true, repo: 'acme/web', name: 'Edited' });
    const deliveries = await receiver.waitFor((r) => !r.headers['x-hook-secret'], 2);

    expect(events(deliveries[1]!).map((e) => [e.action, e.change?.field])).toEqual([
      ['changed', 'name'],
      ['changed', 'custom_fields'],
      ['changed', 'custom_fields'],
    ]);
  });

  it('honours webhook filters', async () => {
    await subscribe([{ resource_type: 'task', action: 'changed', fields: ['completed'] }]);
    const task = sandbox.control.createTask({ projectGid: project.gid, name: 'Filter', autoTask: true });

    sandbox.control.updateTask(String(task.gid), { name: 'Renamed' });
    sandbox.control.updateTask(String(task.gid), { completed: true });
    const [delivery] = await receiver.waitFor((r) => !r.headers['x-hook-secret']);
    await sandbox.control.idle();

    expect(receiver.requests.filter((r) => !r.headers['x-hook-secret'])).toHaveLength(1);
    expect(events(delivery!).map((e) => e.change?.field)).toEqual(['completed']);
  });

  it('sends signed heartbeats on demand', async () => {
    const secret = await subscribe();

    const { delivered } = sandbox.control.heartbeat();
    const [heartbeat] = await receiver.waitFor((r) => !r.headers['x-hook-secret']);

    expect(delivered).toBe(1);
    expect(heartbeat!.body).toBe('{"events":[]}');
    expect(heartbeat!.headers['x-hook-signature']).toBe(
      createHmac('sha256', secret).update('{"events":[]}').digest('hex'),
    );
  });

  it('emits deleted when a task is deleted', async () => {
    await subscribe();
    const task = sandbox.control.createTask({ projectGid: project.gid, name: 'Doomed', autoTask: true });

    sandbox.control.deleteTask(String(task.gid));
    const deliveries = await receiver.waitFor((r) => !r.headers['x-hook-secret'], 2);

    expect(deliveries.flatMap(events).map((e) => e.action)).toEqual(['added', 'deleted']);
    expect((await asana(sandbox, `/tasks/${String(task.gid)}`)).status).toBe(404);
  });

  it('drops the webhook when the target answers 410 Gone', async () => {
    await subscribe();
    receiver.respondWith(410);

    sandbox.control.createTask({ projectGid: project.gid, name: 'Gone', autoTask: true });
    await receiver.waitFor((r) => !r.headers['x-hook-secret']);
    await sandbox.control.idle();

    expect(sandbox.state.asana.webhooks).toHaveLength(0);
  });
});
