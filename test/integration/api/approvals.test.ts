import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Approval } from '#core/approval/approval.js';
import { createAction } from '../../helpers/factories.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import type { Browser } from './harness.js';
import { createHarness, member, seedProject, signedInAdmin, type Harness } from './harness.js';

describe('approvals inbox behind the console’s auth', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    projectId = (await seedProject(h)).projectId;
  });

  const pending = (approvalId: string): Approval => {
    const action = createAction({ actionId: approvalId, projectId });
    return {
      approvalId,
      projectId,
      taskId: action.taskId,
      action,
      preview: {
        kind: 'github.comment',
        target: 'acme/web#7',
        summary: 'comment on acme/web#7',
        body: 'hello',
      },
      requiredApprovals: 1,
      determiningPolicies: ['needs-approval'],
      policyVersion: 'v1',
      requestedBy: { type: 'Trigger', id: 'core-loop' },
      requestedAt: h.clock.now().toISOString(),
      status: 'pending',
      escalated: false,
      expiresAt: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
      votes: [],
      taskToken: `token-${approvalId}`,
      version: 0,
    };
  };

  it('lists pending approvals without task tokens, and an editor approves one', async () => {
    await h.approvals.createApproval(pending('a-1'));
    const editor = await member(h, admin, 'acme', 'editor', 'eddie');

    const list = await editor.get('/projects/acme/approvals');
    const decided = await editor.post('/projects/acme/approvals/a-1/decision', {
      decision: 'approve',
      reason: 'fine',
    });

    expect(list.json.items).toEqual([expect.objectContaining({ approvalId: 'a-1', status: 'pending' })]);
    expect(JSON.stringify(list.json)).not.toContain('token-a-1');
    expect(decided.json.approval.status).toBe('approved');
    expect(h.answered).toEqual([{ token: 'token-a-1', outcome: 'succeed' }]);
  });

  it('refuses viewers and requests without the CSRF token', async () => {
    await h.approvals.createApproval(pending('a-2'));
    const viewer = await member(h, admin, 'acme', 'viewer', 'vera');

    expect((await viewer.post('/projects/acme/approvals/a-2/decision', { decision: 'approve' })).status).toBe(
      403,
    );
    expect(
      (
        await admin.request(
          'POST',
          '/projects/acme/approvals/a-2/decision',
          { decision: 'approve' },
          { 'x-csrf-token': 'no' },
        )
      ).status,
    ).toBe(403);
    expect(h.answered).toEqual([]);
  });

  it('shows the audit chain intact, including kill switch changes made in the console', async () => {
    await admin.put('/projects/acme/kill-switch', { on: true });

    const res = await admin.get('/projects/acme/audit');

    expect(res.json.verdict).toMatchObject({ ok: true, entries: 1 });
    expect(res.json.recent).toEqual([
      expect.objectContaining({ type: 'killswitch.changed', actor: 'user:root-admin' }),
    ]);
  });
});
