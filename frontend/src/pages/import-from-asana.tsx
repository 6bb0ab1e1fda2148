import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { get, post } from '../api/client';
import type { ImportProgress, ProjectSummary } from '../api/types';
import { FormError } from '../components/feedback';

/**
 * "Import from Asana" (tasks updated in the last 90 days): the server does one bounded step per call;
 * this panel keeps calling while it is open and shows progress. Closing it pauses; reopening resumes.
 */
export function ImportFromAsana({ project, onClose }: { project: ProjectSummary; onClose: () => void }) {
  const client = useQueryClient();
  const base = `/projects/${project.slug}/import`;
  const latest = useQuery({
    queryKey: ['import', project.slug],
    queryFn: () => get<{ job: ImportProgress | null }>(base),
  });
  const [job, setJob] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const current = job ?? latest.data?.job ?? null;
  const start = useMutation({
    mutationFn: () => post<{ job: ImportProgress }>(base),
    onSuccess: (r) => setJob(r.job),
  });

  useEffect(() => {
    if (!current || current.status === 'done' || running.current) return;
    running.current = true;
    let cancelled = false;
    void (async () => {
      let step = current;
      try {
        while (!cancelled && step.status !== 'done') {
          step = (await post<{ job: ImportProgress }>(`${base}/${step.jobId}/step`)).job;
          setJob(step);
        }
        await client.invalidateQueries({ queryKey: ['tasks', project.slug] });
      } catch (e) {
        setError(e);
      } finally {
        running.current = false;
      }
    })();
    return () => {
      cancelled = true;
    };
    // One runner per job: re-run only when the job or its status changes.
  }, [current?.jobId, current?.status]);

  const total = current ? current.listed : 0;
  const pct = current
    ? current.status === 'done'
      ? 100
      : total === 0
        ? 0
        : Math.round((current.applied / total) * 100)
    : 0;
  return (
    <section className="panel stack" aria-labelledby="import-title">
      <h3 id="import-title">Import from Asana</h3>
      <p className="muted">
        Brings in every task of the project's Asana projects updated in the last 90 days. Known tasks are
        updated; their links stay.
      </p>
      {current && (
        <div className="stack">
          <div
            className="progress"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <div className="progress-bar" style={{ width: `${pct}%` }} />
          </div>
          <p aria-live="polite">
            {current.status === 'done' ? 'Done: ' : current.listing ? 'Listing Asana tasks… ' : 'Importing… '}
            {current.applied} of {total} processed · {current.created} new · {current.updated} updated ·{' '}
            {current.unchanged} unchanged · {current.skipped} skipped (AutoTask off) · {current.failed} failed
          </p>
          {current.errors.length > 0 && (
            <ul className="muted small">
              {current.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <FormError error={error ?? start.error} />
      <div className="row">
        <button
          type="button"
          className="button button-primary"
          disabled={start.isPending || (current?.status === 'running' && running.current)}
          onClick={() => {
            setError(null);
            start.mutate();
          }}
        >
          {current?.status === 'running' ? 'Importing…' : current ? 'Import again' : 'Start import'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
