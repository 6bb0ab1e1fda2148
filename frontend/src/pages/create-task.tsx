import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { get, post } from '../api/client';
import type { ProjectSummary } from '../api/types';
import { FormError } from '../components/feedback';
import { SelectField, TextArea, TextField } from '../components/field';

/** Waits for Asana's webhook to bring the new task into Auto-Flow, then opens it. */
function useOpenWhenTracked(slug: string, asanaGid: string | undefined) {
  const navigate = useNavigate();
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    if (!asanaGid) return;
    setWaiting(true);
    let stopped = false;
    const poll = async () => {
      for (let i = 0; i < 60 && !stopped; i++) {
        const found = await get<{ taskId: string }>(`/projects/${slug}/tasks/by-asana/${asanaGid}`).catch(
          () => undefined,
        );
        if (found) return navigate(`/p/${slug}/t/${found.taskId}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      setWaiting(false);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [asanaGid, slug, navigate]);
  return waiting;
}

/** "Create task": creates it in Asana with AutoTask on; Auto-Flow picks it up from Asana's webhook. */
export function CreateTask({ project, onDone }: { project: ProjectSummary; onDone: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState({
    title: '',
    notes: '',
    repo: project.defaultRepo ?? project.repos[0] ?? '',
  });
  const create = useMutation({
    mutationFn: () =>
      post<{ asanaGid: string; asanaUrl: string | null }>(`/projects/${project.slug}/tasks`, form),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tasks', project.slug] }),
  });
  const waiting = useOpenWhenTracked(project.slug, create.data?.asanaGid);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="create-task" noValidate>
      <h3 id="create-task">Create task</h3>
      <TextField
        label="Title"
        path="title"
        error={create.error}
        value={form.title}
        onChange={(e) => setForm({ ...form, title: e.target.value })}
        required
        autoFocus
      />
      <TextArea
        label="Description"
        path="notes"
        error={create.error}
        rows={4}
        value={form.notes}
        onChange={(e) => setForm({ ...form, notes: e.target.value })}
        hint="Becomes the Asana task's notes and the issue's TaskSpec."
      />
      <SelectField
        label="Repository"
        path="repo"
        error={create.error}
        value={form.repo}
        onChange={(e) => setForm({ ...form, repo: e.target.value })}
      >
        {project.repos.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <FormError error={create.error} />
      <div className="row wrap" aria-live="polite">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending || create.isSuccess}
        >
          {create.isPending ? 'Creating in Asana…' : 'Create in Asana'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Close
        </button>
        {create.isSuccess && (
          <span className="muted">
            Created in Asana
            {create.data.asanaUrl && (
              <>
                {' '}
                (
                <a href={create.data.asanaUrl} target="_blank" rel="noreferrer">
                  open
                </a>
                )
              </>
            )}
            .{' '}
            {waiting
              ? 'Waiting for Asana to notify Auto-Flow…'
              : 'It will appear in the list once Asana notifies Auto-Flow.'}
          </span>
        )}
      </div>
    </form>
  );
}
