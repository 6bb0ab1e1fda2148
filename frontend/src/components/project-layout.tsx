import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { get } from '../api/client';
import type { ProjectSummary } from '../api/types';
import { ErrorState, Loading } from './feedback';

/** The project every page under /p/:slug works on. */
export function useProject(): ProjectSummary {
  return useOutletContext<ProjectSummary>();
}

export function projectKey(slug: string) {
  return ['project', slug] as const;
}

/** Project header (name, role, kill switch) and its tabs; pages render below. */
export function ProjectLayout() {
  const { slug = '' } = useParams();
  const project = useQuery({
    queryKey: projectKey(slug),
    queryFn: () => get<ProjectSummary>(`/projects/${encodeURIComponent(slug)}`),
    refetchInterval: 15_000,
  });
  if (project.isPending) return <Loading label="Loading project…" />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  const p = project.data;
  const killed = p.killSwitch.global || p.killSwitch.project;
  const tabs = [
    { to: '', label: 'Tasks', end: true },
    { to: 'approvals', label: 'Approvals' },
    { to: 'analytics', label: 'Analytics' },
    { to: 'triggers', label: 'Triggers' },
    { to: 'webhooks', label: 'Webhooks' },
    { to: 'members', label: 'Members' },
    { to: 'api', label: 'API' },
    { to: 'settings', label: 'Settings' },
  ];
  return (
    <div className="project">
      <div className="project-header">
        <div>
          <h1 className="project-name">{p.name}</h1>
          <p className="muted">
            <span className="mono">/{p.slug}</span> · your role: <strong>{p.role}</strong>
          </p>
        </div>
        <div className="project-flags">
          <span
            className={`pill ${killed ? 'pill-bad' : 'pill-good'}`}
            role="status"
            aria-label={killed ? 'Kill switch is on: no effects run' : 'Kill switch is off'}
            data-testid="kill-switch"
          >
            {killed ? `Kill switch ON${p.killSwitch.global ? ' (global)' : ''}` : 'Effects running'}
          </span>
          {!p.integration.ready && (
            <span className="pill pill-warn" title={`Missing: ${p.integration.missing.join(', ')}`}>
              Setup incomplete
            </span>
          )}
        </div>
      </div>
      <nav className="tabs" aria-label="Project">
        {tabs.map((t) => (
          <NavLink key={t.label} to={t.to} end={t.end ?? false} className="tab">
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={p} />
    </div>
  );
}
