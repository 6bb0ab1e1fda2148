import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { get, post } from '../api/client';
import type { SpecVersion, TaskDetail, TimelineEntry } from '../api/types';
import { CopyableId } from '../components/copy-button';
import { ErrorState, FormError, Loading } from '../components/feedback';
import { SelectField, TextArea, TextField } from '../components/field';
import { useProject } from '../components/project-layout';
import { StatusBadge, statusLabel } from '../components/status-badge';
import { Time } from '../components/time';
import { SpecVersions } from './task/spec-versions';

const SOURCES: Record<TimelineEntry['source'], string> = {
  asana: 'Asana',
  github: 'GitHub',
  autoflow: 'Auto-Flow',
  user: 'Person',
};

type Command =
  | { kind: 'retry' }
  | { kind: 'resync' }
  | { kind: 'force_link_pr'; number: number }
  | { kind: 'change_repo'; repo: string }
  | { kind: 'add_note'; text: string };

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline, oldest first">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`event event-${e.source}`}>
          <div className="event-meta">
            <span className={`source source-${e.source}`}>{SOURCES[e.source]}</span>
            <Time at={e.at} />
            <span className="muted mono small">{e.kind}</span>
          </div>
          <p className="event-message">{e.message}</p>
          {(e.from || e.to) && (
            <p
              className="move"
              aria-label={`Status ${e.from ? `from ${statusLabel(e.from)} ` : ''}to ${e.to ? statusLabel(e.to) : ''}`}
            >
              {e.from && <StatusBadge status={e.from} />}
              {e.from && <span aria-hidden="true"> → </span>}
              {e.to && <StatusBadge status={e.to} />}
            </p>
          )}
          {(e.links?.length || e.ids) && (
            <div className="row wrap small">
              {e.links?.map((l) => (
                <a key={l.url} href={l.url} target="_blank" rel="noreferrer">
                  {l.label}
                </a>
              ))}
              {Object.entries(e.ids ?? {}).map(([name, value]) => (
                <CopyableId key={name} name={name} value={value} />
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function Actions({ task, slug, repos }: { task: TaskDetail; slug: string; repos: string[] }) {
  const client = useQueryClient();
  const [pr, setPr] = useState('');
  const [repo, setRepo] = useState(task.repo ?? repos[0] ?? '');
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const run = useMutation({
    mutationFn: (command: Command) =>
      post<{ task: TaskDetail | null }>(`/projects/${slug}/tasks/${task.taskId}/commands`, command),
    onSuccess: async (_r, command) => {
      setDone(
        {
          retry: 'Retry started.',
          resync: 'Re-synced from Asana.',
          force_link_pr: 'PR linked.',
          change_repo: 'Repository changed.',
          add_note: 'Note added.',
        }[command.kind],
      );
      if (command.kind === 'add_note') setNote('');
      if (command.kind === 'force_link_pr') setPr('');
      await client.invalidateQueries({ queryKey: ['task', slug, task.taskId] });
    },
    onMutate: () => setDone(''),
  });
  const submit = (command: Command) => (e: FormEvent) => {
    e.preventDefault();
    run.mutate(command);
  };
  return (
    <section className="panel stack" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <div className="row wrap">
        <button
          type="button"
          className="button"
          disabled={run.isPending}
          onClick={() => run.mutate({ kind: 'retry' })}
        >
          Retry pipeline
        </button>
        <button
          type="button"
          className="button"
          disabled={run.isPending}
          onClick={() => run.mutate({ kind: 'resync' })}
        >
          Re-sync from Asana
        </button>
      </div>
      <div className="grid-2">
        <form onSubmit={submit({ kind: 'force_link_pr', number: Number(pr) })} className="stack" noValidate>
          <TextField
            label="Force link PR number"
            path="number"
            error={run.error}
            inputMode="numeric"
            value={pr}
            onChange={(e) => setPr(e.target.value.replace(/\D/g, ''))}
            hint={`A PR in ${task.issueRepo ?? 'the issue’s repo'} that did not say “Fixes #N”.`}
          />
          <button type="submit" className="button" disabled={run.isPending || !pr}>
            Link PR
          </button>
        </form>
        <form onSubmit={submit({ kind: 'change_repo', repo })} className="stack" noValidate>
          <SelectField
            label="Change repo"
            path="repo"
            error={run.error}
            value={repo}
            onChange={(e) => setRepo(e.target.value)}
            hint="Only before the issue exists."
          >
            {repos.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={run.isPending}>
            Change repo
          </button>
        </form>
      </div>
      <form onSubmit={submit({ kind: 'add_note', text: note })} className="stack" noValidate>
        <TextArea
          label="Add note"
          path="text"
          error={run.error}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          hint="Added to the timeline and posted as a comment on the Asana task."
        />
        <button type="submit" className="button" disabled={run.isPending || !note.trim()}>
          Add note
        </button>
      </form>
      <FormError error={run.error} />
      <p className="success" aria-live="polite">
        {done}
      </p>
    </section>
  );
}

/** One task: where it is, its links and ids, what happened (timeline), and what an editor can do. */
export function TaskPage() {
  const project = useProject();
  const { taskId = '' } = useParams();
  const task = useQuery({
    queryKey: ['task', project.slug, taskId],
    queryFn: () =>
      get<{ task: TaskDetail; timeline: TimelineEntry[]; specVersions: SpecVersion[] }>(
        `/projects/${project.slug}/tasks/${encodeURIComponent(taskId)}`,
      ),
    refetchInterval: 3_000,
  });
  if (task.isPending) return <Loading lines={8} label="Loading task…" />;
  if (task.isError) return <ErrorState error={task.error} onRetry={() => void task.refetch()} />;
  const { task: t, timeline, specVersions } = task.data;
  return (
    <article className="stack" aria-labelledby="task-title">
      <p className="small">
        <Link to={`/p/${project.slug}`}>← All tasks</Link>
      </p>
      <header className="task-head">
        <h2 id="task-title">{t.title || 'Untitled task'}</h2>
        <div className="row wrap">
          <span data-testid="task-status">
            <StatusBadge status={t.status} />
          </span>
          {t.repo && <span className="mono">{t.repo}</span>}
          <span className="muted small">spec v{t.specVersion}</span>
        </div>
        {t.waitingReason && <p className="notice">{t.waitingReason}</p>}
        {t.failureReason && <p className="notice notice-bad">{t.failureReason}</p>}
      </header>
      <dl className="facts">
        <div>
          <dt>Asana</dt>
          <dd>
            {t.asanaUrl ? (
              <a href={t.asanaUrl} target="_blank" rel="noreferrer">
                Open task
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Issue</dt>
          <dd>
            {t.issue ? (
              <a href={t.issue.url} target="_blank" rel="noreferrer">
                {t.issueRepo}#{t.issue.number}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Pull request</dt>
          <dd>
            {t.pr ? (
              <a href={t.pr.url} target="_blank" rel="noreferrer">
                #{t.pr.number}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>CI</dt>
          <dd>
            {t.ciRuns.length === 0
              ? '—'
              : t.ciRuns.map((r) => (
                  <a
                    key={r.workflow}
                    href={r.url}
                    target="_blank"
                    rel="noreferrer"
                    className={`ci ci-${r.conclusion === 'success' ? 'passed' : r.status !== 'completed' ? 'running' : 'failed'}`}
                  >
                    {r.workflow}: {r.conclusion ?? r.status}
                  </a>
                ))}
          </dd>
        </div>
      </dl>
      <div className="ids row wrap">
        <CopyableId name="Task id" value={t.taskId} />
        <CopyableId name="Asana gid" value={t.asanaGid} />
        {t.mergeSha && <CopyableId name="Merge SHA" value={t.mergeSha} />}
      </div>
      {t.pending.length > 0 && (
        <section className="panel" aria-labelledby="pending-title">
          <h2 id="pending-title">Pending effects</h2>
          <ul className="plain">
            {t.pending.map((a) => (
              <li key={a.actionId}>
                <span className="mono">{a.kind}</span>{' '}
                {a.heldReason ? (
                  <span className="pill pill-warn">held: {a.heldReason}</span>
                ) : (
                  <span className="muted">running</span>
                )}{' '}
                <CopyableId name="Action id" value={a.actionId} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {project.role !== 'viewer' && <Actions task={t} slug={project.slug} repos={project.repos} />}
      <section aria-labelledby="timeline-title" className="stack">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline entries={timeline} />
      </section>
      <SpecVersions versions={specVersions} />
      {t.notes && (
        <details>
          <summary>Description from Asana</summary>
          <pre className="notes">{t.notes}</pre>
        </details>
      )}
    </article>
  );
}
