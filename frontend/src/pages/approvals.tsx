import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, get, post } from '../api/client';
import { EmptyState, ErrorState, FormError, Loading } from '../components/feedback';
import { KillSwitchPanel } from '../components/kill-switch-panel';
import { useProject } from '../components/project-layout';
import { Time } from '../components/time';

interface Preview {
  kind: string;
  target: string;
  summary: string;
  title?: string;
  body?: string;
  labels?: string[];
  text?: string;
}

interface Approval {
  approvalId: string;
  taskId: string;
  preview: Preview;
  requiredApprovals: number;
  requestedAt: string;
  requestedBy: { type: string; id: string };
  escalated: boolean;
  expiresAt: string;
  votes: { userId: string; decision: 'approve' | 'reject'; reason: string; at: string }[];
  determiningPolicies: string[];
}

interface AuditView {
  verdict:
    | { ok: true; entries: number; head?: string }
    | { ok: false; entries: number; brokenAt: number; reason: string };
  recent: { seq: number; at: string; type: string; actor: string; subject: string | null; hash: string }[];
}

function ApprovalCard({
  approval,
  slug,
  canDecide,
}: {
  approval: Approval;
  slug: string;
  canDecide: boolean;
}) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      post(`/projects/${slug}/approvals/${approval.approvalId}/decision`, { decision, reason }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['approvals', slug] }),
  });
  const p = approval.preview;
  const approvals = approval.votes.filter((v) => v.decision === 'approve').length;
  const reasonId = `reason-${approval.approvalId}`;
  return (
    <li className={`card approval${approval.escalated ? ' approval-escalated' : ''}`} data-testid="approval">
      <div className="row wrap">
        {approval.escalated && <span className="pill pill-bad">Escalated</span>}
        <span className="mono">{p.kind}</span>
        <span className="muted">on {p.target}</span>
      </div>
      <h3 className="card-title">{p.summary}</h3>
      <details open>
        <summary>Exact effect</summary>
        <dl className="preview">
          <dt>Effect</dt>
          <dd className="mono">{p.kind}</dd>
          <dt>Target</dt>
          <dd>{p.target}</dd>
          {p.title && (
            <>
              <dt>Title</dt>
              <dd>{p.title}</dd>
            </>
          )}
          {p.labels && p.labels.length > 0 && (
            <>
              <dt>Labels</dt>
              <dd>{p.labels.join(', ')}</dd>
            </>
          )}
          {(p.body ?? p.text) && (
            <>
              <dt>Text</dt>
              <dd>
                <pre className="notes">{p.body ?? p.text}</pre>
              </dd>
            </>
          )}
          <dt>Policy</dt>
          <dd className="mono small">{approval.determiningPolicies.join(', ') || '—'}</dd>
        </dl>
      </details>
      <p className="muted small">
        Requested <Time at={approval.requestedAt} /> by {approval.requestedBy.type.toLowerCase()}{' '}
        {approval.requestedBy.id} · {approvals} of {approval.requiredApprovals} approvals · expires{' '}
        <Time at={approval.expiresAt} /> · <Link to={`../t/${approval.taskId}`}>task</Link>
      </p>
      {canDecide ? (
        <div className="stack">
          <label htmlFor={reasonId}>Reason (optional)</label>
          <input id={reasonId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="row">
            <button
              type="button"
              className="button button-primary"
              disabled={decide.isPending}
              onClick={() => decide.mutate('approve')}
            >
              Approve
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={decide.isPending}
              onClick={() => decide.mutate('reject')}
            >
              Reject
            </button>
          </div>
          <FormError error={decide.error} />
        </div>
      ) : (
        <p className="muted small">Editors and admins decide approvals.</p>
      )}
    </li>
  );
}

function AuditStatus({ slug }: { slug: string }) {
  const audit = useQuery({
    queryKey: ['audit', slug],
    queryFn: () => get<AuditView>(`/projects/${slug}/audit`),
    refetchInterval: 30_000,
  });
  if (audit.isPending) return <Loading lines={2} />;
  if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  const v = audit.data.verdict;
  return (
    <section className="panel stack" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p role="status" className={v.ok ? 'success' : 'bad'}>
        {v.ok
          ? `Chain intact: ${v.entries} entries verified.`
          : `Chain broken at entry ${v.brokenAt}: ${v.reason}.`}
      </p>
      {audit.data.recent.length > 0 && (
        <ol className="plain audit" aria-label="Latest audit entries, newest first">
          {audit.data.recent.slice(0, 15).map((e) => (
            <li key={e.seq} className="row wrap small">
              <span className="mono">#{e.seq}</span>
              <Time at={e.at} />
              <span>{e.type}</span>
              <span className="muted">{e.actor}</span>
              {e.subject && <span className="mono muted">{e.subject}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Pending approvals (escalated first) with the exact effect, approve/reject with a reason; the audit chain. */
export function ApprovalsPage() {
  const project = useProject();
  const approvals = useQuery({
    queryKey: ['approvals', project.slug],
    queryFn: () => get<{ items: Approval[] }>(`/projects/${project.slug}/approvals`),
    refetchInterval: 5_000,
  });
  const unavailable = approvals.error instanceof ApiError && approvals.error.status === 404;
  return (
    <div className="stack">
      <section className="stack" aria-labelledby="approvals-title">
        <h2 id="approvals-title">Pending approvals</h2>
        {approvals.isPending && <Loading lines={3} />}
        {unavailable && <EmptyState title="Approvals are not enabled on this server." />}
        {approvals.isError && !unavailable && (
          <ErrorState error={approvals.error} onRetry={() => void approvals.refetch()} />
        )}
        {approvals.data && approvals.data.items.length === 0 && (
          <EmptyState title="Nothing waits for approval.">
            Effects that policy holds for a person appear here.
          </EmptyState>
        )}
        {approvals.data && approvals.data.items.length > 0 && (
          <ul className="cards single">
            {approvals.data.items.map((a) => (
              <ApprovalCard
                key={a.approvalId}
                approval={a}
                slug={project.slug}
                canDecide={project.role !== 'viewer'}
              />
            ))}
          </ul>
        )}
      </section>
      <KillSwitchPanel slug={project.slug} state={project.killSwitch} canEdit={project.role === 'admin'} />
      <AuditStatus slug={project.slug} />
    </div>
  );
}
