import { describe, expect, it } from 'vitest';
import { buildPolicyRequest, resourceOf, riskOf } from '#core/policy/request.js';
import { createAction, REPO, TASK_ID } from '../../../helpers/factories.js';

describe('buildPolicyRequest', () => {
  it('names the core loop as principal and fills the context from the facts', () => {
    const request = buildPolicyRequest(createAction(), {
      projectSlug: 'acme',
      now: new Date('2026-11-29T23:30:00.000Z'),
      killSwitch: true,
      approvalsGranted: 1,
    });
    expect(request).toEqual({
      projectId: 'proj-1',
      projectSlug: 'acme',
      principal: { type: 'Trigger', id: 'core-loop' },
      action: 'github.comment',
      resource: { type: 'Repo', id: REPO },
      context: {
        riskClass: 'low',
        environment: 'none',
        hourUtc: 23,
        weekdayUtc: 0,
        killSwitch: true,
        approvalsGranted: 1,
        budgets: { issuesCreatedToday: 0, agentRunsToday: 0 },
      },
    });
  });

  it('uses the person who asked as principal', () => {
    const action = createAction({ requestedBy: { type: 'User', id: 'alice' } });
    expect(
      buildPolicyRequest(action, { projectSlug: 'a', now: new Date(), killSwitch: false }).principal,
    ).toEqual({
      type: 'User',
      id: 'alice',
    });
  });
});

describe('resourceOf and riskOf', () => {
  it('points GitHub effects at the repo and Asana effects at the task', () => {
    expect(resourceOf(createAction({ params: { kind: 'asana.comment', asanaGid: '1', text: 'x' } }))).toEqual(
      {
        type: 'Task',
        id: TASK_ID,
      },
    );
  });

  it('ranks closing an issue above creating one above commenting', () => {
    expect(
      ['github.comment', 'github.create_issue', 'github.close_issue', 'unknown.kind'].map(riskOf),
    ).toEqual(['low', 'medium', 'high', 'high']);
  });
});
