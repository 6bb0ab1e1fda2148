import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../api/client';
import type { ProjectListItem } from '../api/types';
import { EmptyState, ErrorState, FormError, Loading } from '../components/feedback';
import { TextField } from '../components/field';
import { GlobalKillSwitch } from '../components/global-kill-switch';
import { IntegrationHealthNotice } from '../components/integration-health-notice';
import { useSession } from '../session';

function CreateProject({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', slug: '', repos: '' });
  const create = useMutation({
    mutationFn: () =>
      post<{ slug: string }>('/projects', {
        name: form.name,
        slug: form.slug,
        repos: form.repos.split(/[\s,]+/).filter(Boolean),
      }),
    onSuccess: async (p) => {
      await client.invalidateQueries({ queryKey: ['projects'] });
      onDone();
      navigate(`/p/${p.slug}/settings`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const slugOf = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63);
  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="create-project" noValidate>
      <h2 id="create-project">New project</h2>
      <div className="grid-2">
        <TextField
          label="Name"
          path="name"
          error={create.error}
          value={form.name}
          onChange={(e) =>
            setForm({ ...form, name: e.target.value, slug: form.slug || slugOf(e.target.value) })
          }
          required
          autoFocus
        />
        <TextField
          label="URL slug"
          path="slug"
          error={create.error}
          value={form.slug}
          onChange={(e) => setForm({ ...form, slug: e.target.value })}
          hint="The project's address: /p/slug. Lower-case letters, digits, dashes."
          required
        />
      </div>
      <TextField
        label="GitHub repositories"
        path="repos"
        error={create.error}
        value={form.repos}
        onChange={(e) => setForm({ ...form, repos: e.target.value })}
        hint="owner/repo, separated by commas or spaces. The first is the default."
        required
      />
      <FormError error={create.error} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ProjectsPage() {
  const session = useSession();
  const [creating, setCreating] = useState(false);
  const projects = useQuery({
    queryKey: ['projects'],
    queryFn: () => get<{ items: ProjectListItem[]; canCreate: boolean }>('/projects'),
  });
  return (
    <section aria-labelledby="projects-title" className="stack">
      <div className="page-head">
        <h1 id="projects-title">Projects</h1>
        {projects.data?.canCreate && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New project
          </button>
        )}
      </div>
      {creating && <CreateProject onDone={() => setCreating(false)} />}
      <GlobalKillSwitch canEdit={Boolean(session.data?.user?.admin)} />
      {projects.isPending && <Loading lines={3} />}
      {projects.isError && <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />}
      {projects.data && projects.data.items.length === 0 && (
        <EmptyState title="No projects yet.">
          {projects.data.canCreate
            ? 'Create one to connect an Asana project to GitHub.'
            : 'Ask an admin to invite you to a project.'}
        </EmptyState>
      )}
      {projects.data && projects.data.items.length > 0 && (
        <ul className="cards" aria-label="Your projects">
          {projects.data.items.map((p) => (
            <li key={p.projectId} className="card">
              <h2 className="card-title">
                <Link to={`/p/${p.slug}`}>{p.name}</Link>
              </h2>
              <p className="muted mono">/p/{p.slug}</p>
              <p className="muted">{p.repos.join(', ')}</p>
              <div className="row wrap">
                <span className="tag">{p.role}</span>
                {p.integration.ready && p.health.problems.length > 0 ? (
                  <span className="pill pill-warn">Connection problem</span>
                ) : p.integration.ready ? (
                  <span className="pill pill-good">Connected</span>
                ) : (
                  <span className="pill pill-warn" title={p.integration.missing.join(', ')}>
                    Needs setup: {p.integration.missing.join(', ')}
                  </span>
                )}
                {(p.killSwitch.global || p.killSwitch.project) && (
                  <span className="pill pill-bad">Kill switch ON</span>
                )}
              </div>
              <IntegrationHealthNotice health={p.health} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
