import { Hono } from 'hono';
import { LocalJobQueueHealth } from '#adapters/local/local-job-queue-health.js';
import { systemClock } from '#adapters/system.js';
import { isoWeekOf, percentile, type LeadTimeWeek } from '#core/analytics/aggregate.js';
import type { FunnelStage } from '#core/analytics/progress.js';
import type { Task } from '#core/task.js';
import { analyticsRoutes, type AnalyticsEnv } from '#lambdas/api/routes/analytics.js';
import type { Product } from '../local/product.js';
import type { SandboxState } from '../sandbox/index.js';
import type { Planned } from './run-scenario.js';

type Funnel = Record<FunnelStage, number>;
type Weeks = Omit<LeadTimeWeek, 'exact'>[];

/** The funnel and weekly lead times twice: as the scenario saw them, and as the analytics API answers. */
export interface AnalyticsComparison {
  scenario: { funnel: Funnel; leadTime: Weeks };
  api: { funnel: Funnel; leadTime: Weeks };
  verdict: true | string;
}

/**
 * What the scenario itself observed: tasks it created, and from the sandbox the issues, PRs, merges,
 * green CI on merge commits and completed Asana tasks; lead times from each task's own timeline.
 */
async function observed(product: Product, planned: Planned[], tasks: Task[], sandbox: SandboxState) {
  const { pulls, runs, issues } = sandbox.github;
  const merged = pulls.filter((p) => p.merged && p.mergeCommitSha);
  const greenMerges = merged.filter((p) => {
    const onMerge = runs.filter((r) => r.headSha === p.mergeCommitSha && r.status === 'completed');
    return onMerge.length > 0 && onMerge.every((r) => r.conclusion === 'success');
  });
  const funnel: Funnel = {
    AUTOTASK: planned.length,
    ISSUE: issues.length,
    PR: pulls.length,
    MERGE: merged.length,
    CI_SUCCESS: greenMerges.length,
    DEPLOYED: planned.filter((p) => sandbox.asana.tasks[p.asanaGid]?.completed).length,
  };
  const byWeek = new Map<string, number[]>();
  for (const task of tasks) {
    const timeline = await product.stack.stores.tasks.listTimeline(task.projectId, task.taskId);
    const received = timeline.find((e) => e.kind === 'task.received')?.at;
    const deployed = timeline.find((e) => e.to === 'DEPLOYED')?.at;
    if (!received || !deployed) continue;
    const week = isoWeekOf(deployed.slice(0, 10));
    byWeek.set(week, [...(byWeek.get(week) ?? []), Date.parse(deployed) - Date.parse(received)]);
  }
  const leadTime = [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, ms]) => ({ week, count: ms.length, p50Ms: percentile(ms, 50), p90Ms: percentile(ms, 90) }));
  return { funnel, leadTime };
}

/** The same figures through the analytics routes (pre-aggregated counters), for the scenario's days. */
async function answered(product: Product, projectId: string, range: { from: string; to: string }) {
  const { stores } = product.stack;
  const app = new Hono<AnalyticsEnv>()
    .use(async (c, next) => {
      c.set('project', { projectId });
      c.set('principal', { role: 'viewer' });
      await next();
    })
    .route(
      '/',
      analyticsRoutes({
        analytics: stores.analytics,
        tasks: stores.tasks,
        webhookHealth: product.stack.console.webhookHealth,
        jobs: new LocalJobQueueHealth({ queue: product.stack.queue, clock: systemClock }),
        clock: systemClock,
      }),
    );
  const query = `from=${range.from}&to=${range.to}`;
  const get = async (path: string) => {
    const res = await app.request(`${path}?${query}`);
    if (res.status !== 200) throw new Error(`analytics ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const summary = (await get('/summary')) as { byStatus: Record<string, number> };
  const funnel = (await get('/funnel')) as { stages: { stage: FunnelStage; count: number }[] };
  const lead = (await get('/lead-time')) as { weeks: LeadTimeWeek[] };
  return {
    funnel: Object.fromEntries(funnel.stages.map((s) => [s.stage, s.count])) as Funnel,
    leadTime: lead.weeks.map(({ exact: _exact, ...week }) => week),
    byStatus: Object.fromEntries(Object.entries(summary.byStatus).filter(([, n]) => n !== 0)),
  };
}

/**
 * Compares the analytics API's funnel, lead times and status summary with the scenario's own counts:
 * equal, or what differs.
 */
export async function compareAnalytics(input: {
  product: Product;
  projectId: string;
  planned: Planned[];
  tasks: Task[];
  sandbox: SandboxState;
  startedAt: number;
}): Promise<AnalyticsComparison> {
  const range = {
    from: new Date(input.startedAt).toISOString().slice(0, 10),
    to: new Date().toISOString().slice(0, 10),
  };
  const scenario = await observed(input.product, input.planned, input.tasks, input.sandbox);
  const api = await answered(input.product, input.projectId, range);
  const problems: string[] = [];
  for (const stage of Object.keys(scenario.funnel) as FunnelStage[])
    if (scenario.funnel[stage] !== api.funnel[stage])
      problems.push(`${stage}: scenario ${scenario.funnel[stage]}, analytics ${api.funnel[stage]}`);
  const byStatus: Record<string, number> = {};
  for (const task of input.tasks) byStatus[task.status] = (byStatus[task.status] ?? 0) + 1;
  for (const status of new Set([...Object.keys(byStatus), ...Object.keys(api.byStatus)]))
    if (byStatus[status] !== api.byStatus[status])
      problems.push(
        `${status} tasks: scenario ${byStatus[status] ?? 0}, summary ${api.byStatus[status] ?? 0}`,
      );
  if (JSON.stringify(scenario.leadTime) !== JSON.stringify(api.leadTime))
    problems.push(
      `lead time: scenario ${JSON.stringify(scenario.leadTime)}, analytics ${JSON.stringify(api.leadTime)}`,
    );
  return {
    scenario,
    api: { funnel: api.funnel, leadTime: api.leadTime },
    verdict: problems.length === 0 ? true : problems.join('; '),
  };
}
