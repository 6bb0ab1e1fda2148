import { shippedDefaultPolicies } from '#adapters/cedar/shipped-policies.js';
import { FUNNEL_STAGES, type FunnelStage, type TaskProgress } from '#core/analytics/progress.js';
import type { TaskStatus } from '#core/task.js';
import { exampleTriggerDefinition } from '#lambdas/api/v1/trigger-examples.js';
import { saveTrigger } from '#lambdas/app/triggers/save-trigger.js';
import { createAsanaRecord, createTask } from '../../../helpers/factories.js';
import { createTimelineEntry, ulidAt } from '../../../helpers/dynamo-fixtures.js';
import { seedProject } from '../harness.js';
import { issueToken, pendingApproval, type V1Harness } from './v1-harness.js';

/**
 * Two projects with tasks, approvals, context and tokens: `acme` (A), the one the tests act on, and
 * `other` (B), whose resources A's tokens must never reach. B's ids and positions exist only in B.
 */
export async function seedTwoProjects(h: V1Harness) {
  const a = await seedProject(h, {
    slug: 'acme',
    context: {
      links: [{ title: 'Wiki', url: 'https://wiki.acme.test' }],
      contacts: [{ name: 'Ada', role: 'Lead' }],
      notes: [{ title: 'Style', body: 'Small files.' }],
    },
  });
  const b = await seedProject(h, {
    slug: 'other',
    name: 'Other',
    github: {
      repos: ['other/api', 'other/web'],
      defaultBranches: {},
      ciWorkflows: [],
      autoDisabledLabel: 'autoflow:disabled',
      issueLabels: ['autoflow'],
      agentCommand: '/opencode implement',
    },
    context: {
      links: [1, 2, 3].map((i) => ({ title: `B link ${i}`, url: `https://b.test/${i}` })),
      contacts: [1, 2, 3].map((i) => ({ name: `B person ${i}` })),
      notes: [1, 2, 3].map((i) => ({ title: `B note ${i}`, body: 'secret plans of B' })),
    },
  });
  const at = Date.parse('2026-02-01T00:00:00.000Z');
  const ids = {
    main: ulidAt(at, 1),
    failed: ulidAt(at, 2),
    noRepo: ulidAt(at, 3),
    b: ulidAt(at, 4),
  };
  const base = { projectId: a.projectId, updatedAt: '2026-02-20T00:00:00.000Z' };
  await h.tasks.createTask(createTask({ ...base, taskId: ids.main, asanaGid: '3001', title: 'Main task' }));
  await h.tasks.createTask(
    createTask({
      ...base,
      taskId: ids.failed,
      asanaGid: '3002',
      title: 'Failed task',
      stage: 'FAILED',
      issue: undefined,
      failureReason: 'GitHub said no',
      updatedAt: '2026-01-10T00:00:00.000Z',
    }),
  );
  await h.tasks.createTask(
    createTask({
      ...base,
      taskId: ids.noRepo,
      asanaGid: '3003',
      title: 'Task without repo',
      stage: 'RECEIVED',
      issue: undefined,
      repo: undefined,
      repoOption: null,
    }),
  );
  await h.tasks.appendTimeline(a.projectId, ids.main, [createTimelineEntry({ message: 'Issue created' })]);
  h.asana.tasks.set('3001', createAsanaRecord({ gid: '3001', name: 'Main task' }));
  await h.tasks.createTask(
    createTask({ projectId: b.projectId, taskId: ids.b, asanaGid: '4001', title: 'B task' }),
  );
  await h.tasks.appendTimeline(b.projectId, ids.b, [createTimelineEntry({ message: 'B happened' })]);

  // Analytics as the pipeline would have counted them: A's three tasks, B's deployed one with its own failure.
  const progress = (
    projectId: string,
    taskId: string,
    to: TaskStatus,
    stages: FunnelStage[],
    more: Partial<TaskProgress> = {},
  ): TaskProgress => ({
    projectId,
    taskId,
    cohortDay: '2026-02-01',
    status: { to },
    stages,
    failures: [],
    ...more,
  });
  for (const p of [
    progress(a.projectId, ids.main, 'ISSUE_CREATED', ['AUTOTASK', 'ISSUE']),
    progress(a.projectId, ids.noRepo, 'RECEIVED', ['AUTOTASK']),
    progress(a.projectId, ids.failed, 'FAILED', ['AUTOTASK'], {
      failures: [{ reason: 'github.create_issue failed', day: '2026-02-02' }],
    }),
    progress(b.projectId, ids.b, 'DEPLOYED', [...FUNNEL_STAGES], {
      failures: [{ reason: 'B failure reason', day: '2026-02-03' }],
      leadTime: { ms: 3_600_000, day: '2026-02-04' },
    }),
  ])
    await h.analytics.recordProgress(p);

  const now = h.clock.now().toISOString();
  await h.approvals.createApproval(pendingApproval(a, 'a-approve', ids.main, now));
  await h.approvals.createApproval(pendingApproval(a, 'a-twice', ids.main, now));
  await h.approvals.createApproval({
    ...pendingApproval(a, 'a-expired', ids.main, '2026-02-01T00:00:00.000Z'),
    escalated: true,
  });
  await h.approvals.createApproval(pendingApproval(b, 'b-approve', ids.b, now));

  for (const comment of ['first', 'second'])
    await h.v1deps.policies.putPolicySet({
      projectId: b.projectId,
      version: comment === 'first' ? 1 : 2,
      text: shippedDefaultPolicies(),
      savedBy: 'user:root-admin',
      savedAt: now,
      comment,
    });

  // A user trigger of B only (with a secret), which A's tokens must never see, change or run.
  await saveTrigger(
    {
      projectId: b.projectId,
      triggerId: 'b-deploy',
      definition: { ...exampleTriggerDefinition, name: 'B deploy' },
      baseVersion: undefined,
      secret: 'b-trigger-secret',
      by: 'user:root-admin',
    },
    { triggers: h.triggers, triggerSecrets: h.triggerSecrets, audit: h.audit, clock: h.clock },
  );

  const tokens = {
    admin: await issueToken(h, a.projectId, 'admin'),
    editor: await issueToken(h, a.projectId, 'editor'),
    viewer: await issueToken(h, a.projectId, 'viewer'),
    bAdmin: await issueToken(h, b.projectId, 'admin'),
  };
  return { a, b, tasks: ids, tokens };
}
export type TwoProjects = Awaited<ReturnType<typeof seedTwoProjects>>;
