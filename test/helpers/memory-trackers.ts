import type { AsanaTaskRecord, InboundEvent } from '#core/events.js';
import type {
  ChangeReader,
  HookDelivery,
  Integrations,
  IssueTracker,
  WorkflowRuns,
  WorkTracker,
} from '#lambdas/ports.js';

/** A scripted failure: the next N calls of a method throw this error. */
export interface ScriptedFailure {
  method: string;
  times: number;
  error: () => Error;
  /** The call takes effect and then fails (the answer was lost); supported by the comment methods. */
  afterEffect?: boolean;
}

/** In-memory GitHub and Asana for action-machine tests, recording every call. */
export function memoryIntegrations(): Integrations & {
  calls: { method: string; args: unknown[] }[];
  issues: { repo: string; number: number; title: string; body: string; labels: string[]; state: string }[];
  asanaTasks: Map<string, AsanaTaskRecord>;
  commented: Map<string, string>;
  pulls: Extract<InboundEvent, { type: 'github.pull_request' }>[];
  runs: Extract<InboundEvent, { type: 'github.workflow_run' }>[];
  hooks: { id: number; repo: string; url: string }[];
  hookDeliveries: (HookDelivery & { hookId: number })[];
  redelivered: number[];
  /** What `checkToken` answers per service (a scripted failure makes it throw instead). */
  tokenStates: { github: 'ok' | 'invalid'; asana: 'ok' | 'invalid' };
  fail(failure: ScriptedFailure): void;
} {
  const tokenStates: { github: 'ok' | 'invalid'; asana: 'ok' | 'invalid' } = { github: 'ok', asana: 'ok' };
  const calls: { method: string; args: unknown[] }[] = [];
  const issues: {
    repo: string;
    number: number;
    title: string;
    body: string;
    labels: string[];
    state: string;
  }[] = [];
  const asanaTasks = new Map<string, AsanaTaskRecord>();
  /** Comments posted, by `github:` or `asana:` and the key that makes them happen once. */
  const commented = new Map<string, string>();
  const failures: ScriptedFailure[] = [];
  const take = (method: string, afterEffect: boolean) => {
    const failure = failures.find(
      (f) => f.method === method && f.times > 0 && !!f.afterEffect === afterEffect,
    );
    if (failure) {
      failure.times--;
      throw failure.error();
    }
  };
  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args });
    take(method, false);
  };
  const tracker: IssueTracker = {
    async createIssue(input) {
      record('createIssue', [input]);
      const number = issues.length + 1;
      issues.push({ ...input, number, state: 'open' });
      return { number, url: `https://github.com/${input.repo}/issues/${number}` };
    },
    async findIssueByMarker(repo, marker) {
      record('findIssueByMarker', [repo, marker]);
      const found = issues.find((i) => i.repo === repo && i.body.includes(marker));
      return found
        ? { number: found.number, url: `https://github.com/${repo}/issues/${found.number}` }
        : undefined;
    },
    async comment(repo, number, body, once) {
      record('comment', [repo, number, body]);
      // As the adapter: a comment whose key was posted already is not posted again.
      if (!commented.has(`github:${once.key}`)) commented.set(`github:${once.key}`, body);
      take('comment', true);
    },
    async setLabels(...args) {
      record('setLabels', args);
    },
    async closeIssue(repo, number, reason) {
      record('closeIssue', [repo, number, reason]);
      const issue = issues.find((i) => i.repo === repo && i.number === number);
      if (issue) issue.state = 'closed';
    },
  };
  const work: WorkTracker = {
    async getTask(gid) {
      record('getTask', [gid]);
      return asanaTasks.get(gid);
    },
    async listModifiedTasks(projectGid, since) {
      record('listModifiedTasks', [projectGid, since]);
      return { gids: [...asanaTasks.values()].filter((t) => t.modifiedAt >= since).map((t) => t.gid) };
    },
    async completeTask(gid) {
      record('completeTask', [gid]);
    },
    async reopenTask(gid) {
      record('reopenTask', [gid]);
    },
    async comment(gid, text, once) {
      record('asanaComment', [gid, text]);
      if (!commented.has(`asana:${once.key}`)) commented.set(`asana:${once.key}`, text);
      take('asanaComment', true);
    },
    async checkToken() {
      record('asanaCheckToken', []);
      return tokenStates.asana;
    },
  };
  const pulls: Extract<InboundEvent, { type: 'github.pull_request' }>[] = [];
  const runs: Extract<InboundEvent, { type: 'github.workflow_run' }>[] = [];
  const hooks: { id: number; repo: string; url: string }[] = [];
  const hookDeliveries: (HookDelivery & { hookId: number })[] = [];
  const redelivered: number[] = [];
  const reader: ChangeReader = {
    async listPullRequestsSince(repo, since) {
      record('listPullRequestsSince', [repo, since]);
      return pulls.filter((p) => p.repo === repo && Date.parse(p.occurredAt) >= Date.parse(since));
    },
    async getPullRequest(repo, number) {
      record('getPullRequest', [repo, number]);
      return pulls.find((p) => p.repo === repo && p.number === number);
    },
    async listWorkflowRuns(repo, headSha) {
      record('listWorkflowRuns', [repo, headSha]);
      return runs.filter((r) => r.repo === repo && r.headSha === headSha);
    },
    async findHooks(repo, url) {
      record('findHooks', [repo, url]);
      return hooks.filter((h) => h.repo === repo && h.url === url).map(({ id }) => ({ id }));
    },
    async listHookDeliveries(repo, hookId, limit) {
      record('listHookDeliveries', [repo, hookId]);
      return hookDeliveries.filter((d) => d.hookId === hookId).slice(0, limit);
    },
    async redeliver(repo, hookId, deliveryId) {
      record('redeliver', [repo, hookId, deliveryId]);
      redelivered.push(deliveryId);
    },
    async checkToken() {
      record('githubCheckToken', []);
      return tokenStates.github;
    },
  };
  const actions: WorkflowRuns = {
    async dispatch(input) {
      record('dispatch', [input]);
    },
    async approveRun(repo, runId) {
      record('approveRun', [repo, runId]);
    },
  };
  return {
    calls,
    issues,
    asanaTasks,
    commented,
    pulls,
    runs,
    hooks,
    hookDeliveries,
    redelivered,
    tokenStates,
    changeReader: async () => reader,
    fail: (failure) => void failures.push(failure),
    issueTracker: async () => tracker,
    workTracker: async () => work,
    workflowRuns: async () => actions,
  };
}
