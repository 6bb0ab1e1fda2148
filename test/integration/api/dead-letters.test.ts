import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import type { Browser } from './harness.js';
import { createHarness, member, seedProject, signedInAdmin, type Harness } from './harness.js';
import { issueClosedMessage } from '../../helpers/ingest-messages.js';

describe('dead letters through the API', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    await seedProject(h);
  });

  /** A delivery that failed three receives and now waits in the DLQ. */
  function deadLetter(deliveryId: string): void {
    h.queue.sendRaw(JSON.stringify(issueClosedMessage(deliveryId)));
    for (let i = 0; i < 4; i++) {
      h.queue.receive(10);
      h.clock.advance(1_100);
    }
  }

  it('lists dead letters by what they were, never their payload', async () => {
    deadLetter('gh-1');
    const res = await admin.request('GET', '/dead-letters');
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      expect.objectContaining({ receiveCount: 3, summary: 'github github.issue project=p1 delivery=gh-1' }),
    ]);
  });

  it('redrives chosen dead letters back to the queue and audits who did it', async () => {
    deadLetter('gh-1');
    deadLetter('gh-2');
    const [first] = (await admin.request('GET', '/dead-letters')).json.items as { messageId: string }[];
    const res = await admin.request('POST', '/dead-letters/redrive', { messageIds: [first!.messageId] });
    expect(res.json).toEqual({ redriven: 1 });
    expect(h.queue.depth().dlq).toBe(1);
    const chain = await h.audit.listChain('global');
    expect(chain.at(-1)).toMatchObject({ type: 'dlq.redriven', actor: expect.stringContaining('user:') });
  });

  it('redrives everything when no ids are given, and names a bad field', async () => {
    deadLetter('gh-1');
    deadLetter('gh-2');
    expect((await admin.request('POST', '/dead-letters/redrive', {})).json).toEqual({ redriven: 2 });
    const bad = await admin.request('POST', '/dead-letters/redrive', { messageIds: 'all' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('messageIds');
  });

  it('is for instance admins only', async () => {
    const projectAdmin = await member(h, admin, 'acme', 'admin', 'ada-admin');
    expect((await projectAdmin.request('GET', '/dead-letters')).status).toBe(403);
  });
});
