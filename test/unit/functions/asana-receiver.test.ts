import { beforeEach, describe, expect, it } from 'vitest';
import { createAsanaReceiver } from '#lambdas/functions/asana-receiver.js';
import { createProjectConfig } from '../../helpers/factories.js';
import {
  fixedClock,
  memoryDeliveries,
  memoryHandshakes,
  memoryLogger,
  memoryProjects,
  memoryQueue,
  memorySecrets,
} from '../../helpers/memory-ports.js';
import { asanaDelivery, postEvent } from '../../helpers/webhook-requests.js';

const SECRET = 'asana-secret-for-tests';
const changed = (gid: string, field = 'custom_fields') => ({
  action: 'changed',
  created_at: '2026-11-25T09:59:00.000Z',
  resource: { gid, resource_type: 'task' },
  parent: null,
  change: { field, action: 'changed' },
});

function setup(stored: { asana?: string } = { asana: SECRET }) {
  const queue = memoryQueue();
  const secrets = memorySecrets({ 'proj-1': stored });
  const handshakes = memoryHandshakes();
  const clock = fixedClock();
  const receive = createAsanaReceiver({
    projects: memoryProjects([createProjectConfig({ projectId: 'proj-1' })]),
    secrets,
    deliveries: memoryDeliveries(),
    queue,
    handshakes,
    clock,
    logger: memoryLogger(),
  });
  return { queue, secrets, handshakes, clock, receive };
}

describe('Asana receiver', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup();
  });

  it('enqueues one skinny event per task touched', async () => {
    const res = await ctx.receive(
      asanaDelivery('proj-1', SECRET, { events: [changed('1'), changed('1', 'name'), changed('2')] }),
    );
    expect(res.statusCode).toBe(200);
    expect(ctx.queue.sent.map((m) => m.event)).toEqual([
      expect.objectContaining({ type: 'asana.task_touched', asanaGid: '1', action: 'changed' }),
      expect.objectContaining({ type: 'asana.task_touched', asanaGid: '2' }),
    ]);
  });

  it('treats a story on a task as a touch of its parent task', async () => {
    const story = {
      action: 'added',
      resource: { gid: 's1', resource_type: 'story' },
      parent: { gid: '9', resource_type: 'task' },
    };
    await ctx.receive(asanaDelivery('proj-1', SECRET, { events: [story] }));
    expect(ctx.queue.sent[0]!.event).toMatchObject({ asanaGid: '9', action: 'changed' });
  });

  it('answers a heartbeat with 200 and enqueues nothing', async () => {
    const res = await ctx.receive(asanaDelivery('proj-1', SECRET, { events: [] }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toMatchObject({ heartbeat: true });
    expect(ctx.queue.sent).toHaveLength(0);
  });

  it('deduplicates a delivery Asana retries with the same body', async () => {
    const payload = { events: [changed('1')] };
    await ctx.receive(asanaDelivery('proj-1', SECRET, payload));
    const again = await ctx.receive(asanaDelivery('proj-1', SECRET, payload));
    expect(JSON.parse(again.body!)).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(ctx.queue.sent).toHaveLength(1);
  });

  it('rejects a wrong signature with 401', async () => {
    const res = await ctx.receive(asanaDelivery('proj-1', 'other', { events: [changed('1')] }));
    expect(res.statusCode).toBe(401);
    expect(ctx.queue.sent).toHaveLength(0);
  });

  it('rejects deliveries with 401 while no secret is stored', async () => {
    ctx = setup({});
    expect((await ctx.receive(asanaDelivery('proj-1', SECRET, { events: [] }))).statusCode).toBe(401);
  });

  it('rejects a body without events with 400 naming the field', async () => {
    const res = await ctx.receive(asanaDelivery('proj-1', SECRET, { data: [] }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).error.issues[0].path).toBe('events');
  });

  it('completes a handshake Auto-Flow opened: echoes and stores the secret', async () => {
    await ctx.handshakes.open('proj-1', new Date(ctx.clock.now().getTime() + 60_000));
    const res = await ctx.receive(
      postEvent('/webhooks/asana/proj-1', 'proj-1', '', { 'x-hook-secret': 'new-secret-0123456789' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'x-hook-secret': 'new-secret-0123456789' });
    expect((await ctx.secrets.get('proj-1')).asana).toBe(`${SECRET} new-secret-0123456789`);
  });

  it('keeps one secret per webhook: deliveries signed by either Asana webhook are accepted', async () => {
    await ctx.handshakes.open('proj-1', new Date(ctx.clock.now().getTime() + 60_000));
    await ctx.receive(
      postEvent('/webhooks/asana/proj-1', 'proj-1', '', { 'x-hook-secret': 'second-hook-secret-01' }),
    );

    const first = await ctx.receive(asanaDelivery('proj-1', SECRET, { events: [changed('1')] }));
    const second = await ctx.receive(
      asanaDelivery('proj-1', 'second-hook-secret-01', { events: [changed('2')] }),
    );
    const neither = await ctx.receive(
      asanaDelivery('proj-1', 'some-other-secret-000', { events: [changed('3')] }),
    );

    expect([first.statusCode, second.statusCode, neither.statusCode]).toEqual([200, 200, 401]);
    expect(ctx.queue.sent.map((m) => (m.event as { asanaGid: string }).asanaGid)).toEqual(['1', '2']);
  });

  it('refuses an unsolicited handshake and keeps the stored secret', async () => {
    const res = await ctx.receive(
      postEvent('/webhooks/asana/proj-1', 'proj-1', '', { 'x-hook-secret': 'attacker-secret-123' }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers?.['x-hook-secret']).toBeUndefined();
    expect((await ctx.secrets.get('proj-1')).asana).toBe(SECRET);
  });

  it('refuses a handshake after the open one expired', async () => {
    await ctx.handshakes.open('proj-1', new Date(ctx.clock.now().getTime() + 1_000));
    ctx.clock.advance(5_000);
    const res = await ctx.receive(
      postEvent('/webhooks/asana/proj-1', 'proj-1', '', { 'x-hook-secret': 'late-secret-0123456' }),
    );
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an unknown project', async () => {
    expect((await ctx.receive(asanaDelivery('ghost', SECRET, { events: [] }))).statusCode).toBe(404);
  });
});
