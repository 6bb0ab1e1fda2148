import { describe, expect, it } from 'vitest';
import { simulatePolicy } from '../../../scripts/simulate-policy.js';
import { createProjectConfig, pullRequestEvent, snapshotEvent } from '../../helpers/factories.js';
import { readFileSync } from 'node:fs';

const config = createProjectConfig();
const at = new Date('2026-11-25T10:00:00.000Z');

describe('simulatePolicy', () => {
  it('lists each event, the actions it causes and the decision with its determining policies', async () => {
    const results = await simulatePolicy({
      config,
      policyText: readFileSync('policies/default.cedar', 'utf8'),
      events: [
        snapshotEvent(),
        pullRequestEvent({ body: 'Fixes #1' }),
        snapshotEvent({ status: 'Cancelled', modifiedAt: '2025-01-01T11:30:00.000Z' }),
      ],
      at,
    });

    expect(
      results.map((r) => [
        r.event,
        r.actions.map((a) => [a.kind, a.decision, a.determiningPolicies.join(',')]),
      ]),
    ).toEqual([
      ['asana.task_snapshot', [['github.create_issue', 'allow', 'routine-writes']]],
      ['github.pull_request', []],
      ['asana.task_snapshot', [['github.close_issue', 'approve', 'close-issue-needs-approval']]],
    ]);
    expect(results[1]?.taskId).toBe(results[0]?.taskId);
  });

  it('shows what a candidate policy would hold for approval or deny', async () => {
    const results = await simulatePolicy({
      config,
      policyText: readFileSync('policies/examples/approve-create-issue.cedar', 'utf8'),
      events: [snapshotEvent()],
      at,
    });
    expect(results[0]?.actions[0]).toMatchObject({
      kind: 'github.create_issue',
      decision: 'approve',
      approvals: 1,
      target: 'acme/web',
    });
  });
});
