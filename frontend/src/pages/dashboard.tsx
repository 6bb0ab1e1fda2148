import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get } from '../api/client';
import { STATUSES, type Page, type TaskRow, type TaskStatus } from '../api/types';
import { EmptyState, ErrorState, Loading } from '../components/feedback';
import { useProject } from '../components/project-layout';
import { StatusBadge, statusLabel } from '../components/status-badge';
import { Time } from '../components/time';
import { CreateTask } from './create-task';
import { ImportFromAsana } from './import-from-asana';

const SIZES = [25, 50] as const;

function CiCell({ ci }: { ci: TaskRow['ci'] }) {
  if (ci.state === 'none') return <span className="muted">—</span>;
  const label = { running: 'Running', passed: 'Passed', failed: 'Failed' }[ci.state];
  return ci.url ? (
    <a href={ci.url} target="_blank" rel="noreferrer" className={`ci ci-${ci.state}`}>
      {label}
    </a>
  ) : (
    <span className={`ci ci-${ci.state}`}>{label}</span>
  );
}

/** The task table: status filter, newest first, 25 or 50 per page, cursor paging (kept in the URL). */
export function DashboardPage() {
  const project = useProject();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as TaskStatus)
    : undefined;
  const limit = Number(params.get('limit')) === 50 ? 50 : 25;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [panel, setPanel] = useState<'create' | 'import' | undefined>();
  const canAct = project.role !== 'viewer';
  const query = new URLSearchParams({
    limit: String(limit),
    ...(status && { status }),
    ...(cursor && { cursor }),
  });
  const tasks = useQuery({
    queryKey: ['tasks', project.slug, status ?? 'all', limit, cursor ?? ''],
    queryFn: () => get<Page<TaskRow>>(`/projects/${project.slug}/tasks?${query}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const change = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v);
      else p.delete(k);
    setCursors([]);
    setParams(p, { replace: true });
  };
  return (
    <section className="stack" aria-labelledby="tasks-title">
      <div className="page-head">
        <h2 id="tasks-title">Tasks</h2>
        {canAct && (
          <div className="row wrap">
            <button
              type="button"
              className="button"
              aria-expanded={panel === 'import'}
              onClick={() => setPanel(panel === 'import' ? undefined : 'import')}
            >
              Import from Asana
            </button>
            <button
              type="button"
              className="button button-primary"
              aria-expanded={panel === 'create'}
              onClick={() => setPanel(panel === 'create' ? undefined : 'create')}
            >
              Create task
            </button>
          </div>
        )}
      </div>
      {panel === 'create' && <CreateTask project={project} onDone={() => setPanel(undefined)} />}
      {panel === 'import' && <ImportFromAsana project={project} onClose={() => setPanel(undefined)} />}
      <div className="filters" role="group" aria-label="Filter by status">
        <button
          type="button"
          className="chip"
          aria-pressed={!status}
          onClick={() => change({ status: undefined })}
        >
          All
        </button>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={status === s}
            onClick={() => change({ status: s })}
          >
            {statusLabel(s)}
          </button>
        ))}
      </div>
      <p className="muted small">Newest first{status ? ` · ${statusLabel(status)}` : ''}</p>
      {tasks.isPending && <Loading lines={6} />}
      {tasks.isError && <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && tasks.data.items.length === 0 && (
        <EmptyState title={status ? `No tasks are ${statusLabel(status).toLowerCase()}.` : 'No tasks yet.'}>
          {!status && 'Tasks appear here when an Asana task in this project has AutoTask set to Yes.'}
        </EmptyState>
      )}
      {tasks.data && tasks.data.items.length > 0 && (
        <div className={`table-wrap${tasks.isPlaceholderData ? ' is-stale' : ''}`}>
          {/* Explicit roles: the phone layout restyles the table, which can drop its semantics. */}
          <table className="tasks" role="table">
            <caption className="visually-hidden">Tasks of {project.name}, newest first</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  Status
                </th>
                <th scope="col" role="columnheader">
                  Title
                </th>
                <th scope="col" role="columnheader">
                  Repo
                </th>
                <th scope="col" role="columnheader">
                  Issue
                </th>
                <th scope="col" role="columnheader">
                  PR
                </th>
                <th scope="col" role="columnheader">
                  CI
                </th>
                <th scope="col" role="columnheader">
                  Updated
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {tasks.data.items.map((t) => (
                <tr key={t.taskId} role="row">
                  <td role="cell" data-label="Status">
                    <StatusBadge status={t.status} />
                  </td>
                  <td role="cell" data-label="Title" className="title-cell">
                    <Link to={`t/${t.taskId}`}>{t.title || 'Untitled task'}</Link>
                  </td>
                  <td role="cell" data-label="Repo" className="mono">
                    {t.repo ?? <span className="muted">—</span>}
                  </td>
                  <td role="cell" data-label="Issue">
                    {t.issue ? (
                      <a href={t.issue.url} target="_blank" rel="noreferrer">
                        #{t.issue.number}
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td role="cell" data-label="PR">
                    {t.pr ? (
                      <a href={t.pr.url} target="_blank" rel="noreferrer">
                        #{t.pr.number}
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td role="cell" data-label="CI">
                    <CiCell ci={t.ci} />
                  </td>
                  <td role="cell" data-label="Updated">
                    <Time at={t.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        <label className="row">
          <span>Per page</span>
          <select
            className="input input-inline"
            value={limit}
            onChange={(e) => change({ limit: e.target.value === '50' ? '50' : undefined })}
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Page {cursors.length + 1}</span>
        <div className="row">
          <button
            type="button"
            className="button"
            disabled={cursors.length === 0}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous
          </button>
          <button
            type="button"
            className="button"
            disabled={!tasks.data?.cursor}
            onClick={() => tasks.data?.cursor && setCursors([...cursors, tasks.data.cursor])}
          >
            Next
          </button>
        </div>
      </nav>
    </section>
  );
}
