import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../api/client';
import type { Settings } from '../api/types';
import { ErrorState, Loading } from '../components/feedback';
import { IntegrationHealthNotice } from '../components/integration-health-notice';
import { KillSwitchPanel } from '../components/kill-switch-panel';
import { useProject } from '../components/project-layout';
import { AsanaSection } from './settings/asana-section';
import { ContextSection } from './settings/context-section';
import { GeneralSection } from './settings/general-section';
import { GitHubSection, type GitHubForm } from './settings/github-section';
import { SecretsSection } from './settings/secrets-section';

/** The settings sections; the GitHub form lives here because the Asana repo map offers its repos. */
function SettingsForms({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const [github, setGithub] = useState<GitHubForm>({
    repos: settings.github.repos.join('\n'),
    defaultRepo: settings.github.defaultRepo ?? '',
    ciWorkflows: settings.github.ciWorkflows.join(', '),
  });
  return (
    <div className="stack">
      <GeneralSection settings={settings} canEdit={canEdit} />
      <AsanaSection settings={settings} canEdit={canEdit} repos={github.repos} />
      <GitHubSection settings={settings} canEdit={canEdit} github={github} setGithub={setGithub} />
      <ContextSection settings={settings} canEdit={canEdit} />
      <SecretsSection settings={settings} canEdit={canEdit} />
    </div>
  );
}

/** Project settings: admins edit; editors and viewers read (secrets masked) without any action. */
export function SettingsPage() {
  const project = useProject();
  const settings = useQuery({
    queryKey: ['settings', project.slug],
    queryFn: () => get<Settings>(`/projects/${project.slug}/settings`),
    // The forms are seeded from this: never replace them under someone's edits.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const canEdit = project.role === 'admin';
  if (settings.isPending) return <Loading lines={8} label="Loading settings…" />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div className="stack">
      {!canEdit && <p className="notice">Only project admins can change settings. You can read them.</p>}
      <IntegrationHealthNotice
        health={settings.data.health}
        hint={canEdit ? 'Replace a token that stopped working under Secrets below.' : undefined}
      />
      <KillSwitchPanel slug={project.slug} state={project.killSwitch} canEdit={canEdit} />
      <SettingsForms key={settings.dataUpdatedAt} settings={settings.data} canEdit={canEdit} />
    </div>
  );
}
