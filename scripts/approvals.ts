import '#lambdas/polyfills.js';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '#adapters/system.js';
import type { Approval } from '#core/approval/approval.js';
import { AutoFlowError } from '#core/errors.js';
import { decideApproval } from '#lambdas/app/decide-approval.js';
import { loadLocalConfig } from './local/config.js';
import { liveControl } from './local/control.js';
import { openDataDir } from './local/data-dir.js';

const USAGE =
  'usage: npm run approvals -- list|approve|reject --project <slug> [--id <approvalId> ... | --all] [--reason <text>] [--as <name>]';

type View = Omit<Approval, 'taskToken'>;

/** Options of one CLI run (the data dir defaults to AUTOFLOW_DATA_DIR). */
export interface ApprovalsCliOptions {
  dataDir?: string;
  print?: (line: string) => void;
}

/**
 * `npm run approvals`: lists and decides approvals of a project in the local data dir. While the
 * runtime runs it goes through the runtime's control channel (the same approvals routes the console
 * uses, so the waiting execution is answered at once); otherwise it writes the decision to the data
 * dir and the execution picks it up when the runtime resumes it. Returns the exit code.
 */
export async function runApprovalsCli(argv: string[], options: ApprovalsCliOptions = {}): Promise<number> {
  const print = options.print ?? console.log;
  const { positionals, values } = parseArgs({
    args: argv,
    options: {
      project: { type: 'string' },
      id: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      reason: { type: 'string' },
      as: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0];
  if (!['list', 'approve', 'reject'].includes(command ?? '') || !values.project) {
    print(USAGE);
    return 2;
  }
  const dataDir = resolve(options.dataDir ?? loadLocalConfig(process.env).AUTOFLOW_DATA_DIR);
  const as = values.as ?? userInfo().username;
  const channel = await liveControl(dataDir);
  const client = channel ? live(channel, values.project, as) : await offline(dataDir, values.project, as);
  try {
    const pending = await client.list();
    if (command === 'list') {
      for (const a of pending)
        print(
          `${a.approvalId}  ${a.escalated ? 'ESCALATED ' : ''}${a.preview.summary}  needs ${a.requiredApprovals}, has ${a.votes.length}  requested ${a.requestedAt}`,
        );
      print(`${pending.length} pending approval(s)`);
      return 0;
    }
    const ids = values.all ? pending.map((a) => a.approvalId) : (values.id ?? []);
    if (ids.length === 0) {
      print('name approvals with --id <approvalId> (or --all)');
      return 2;
    }
    let failed = 0;
    for (const id of ids) {
      const outcome = await client.decide(
        id,
        command === 'approve' ? 'approve' : 'reject',
        values.reason ?? '',
      );
      if (outcome.ok) print(`${id}: ${outcome.status}`);
      else {
        failed++;
        print(`${id}: ${outcome.message}`);
      }
    }
    if (!channel) print('(the runtime is stopped: decisions take effect when it starts)');
    return failed > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}

type Client = {
  list(): Promise<View[]>;
  decide(
    id: string,
    decision: 'approve' | 'reject',
    reason: string,
  ): Promise<{ ok: true; status: string } | { ok: false; message: string }>;
  close(): Promise<void>;
};

function live(channel: { url: string; token: string }, slug: string, as: string): Client {
  const base = `${channel.url}/local/control/projects/${encodeURIComponent(slug)}/approvals`;
  const headers = {
    authorization: `Bearer ${channel.token}`,
    'x-autoflow-as': as,
    'content-type': 'application/json',
  };
  return {
    async list() {
      const res = await fetch(`${base}/list`, { method: 'POST', headers });
      const body = (await res.json()) as { items?: View[]; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      return body.items ?? [];
    },
    async decide(id, decision, reason) {
      const res = await fetch(`${base}/${encodeURIComponent(id)}/decision`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ decision, reason }),
      });
      const body = (await res.json()) as { approval?: View; error?: { message: string } };
      return res.ok
        ? { ok: true, status: body.approval?.status ?? '?' }
        : { ok: false, message: body.error?.message ?? `HTTP ${res.status}` };
    },
    close: async () => undefined,
  };
}

async function offline(dataDir: string, slug: string, as: string): Promise<Client> {
  const dir = await openDataDir(dataDir);
  const project = await dir.project(slug).catch(async (error: unknown) => {
    await dir.stop();
    throw error;
  });
  return {
    list: async () =>
      (await dir.approvals.listPendingApprovals(project.projectId)).map(({ taskToken: _t, ...a }) => a),
    async decide(id, decision, reason) {
      try {
        const approval = await decideApproval(
          {
            projectId: project.projectId,
            approvalId: id,
            decision,
            reason,
            by: { userId: as, role: 'admin' },
          },
          { ...dir, clock: systemClock },
        );
        return { ok: true, status: approval.status };
      } catch (error) {
        if (error instanceof AutoFlowError) return { ok: false, message: error.message };
        throw error;
      }
    },
    close: () => dir.stop(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runApprovalsCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
