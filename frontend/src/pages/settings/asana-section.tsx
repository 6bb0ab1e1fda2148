import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post } from '../../api/client';
import type { AsanaOptions, WorkState } from '../../api/types';
import { FormError } from '../../components/feedback';
import { TextField } from '../../components/field';
import { AsanaFieldPicker } from './asana-field-picker';
import { MapEditor } from './map-editor';
import { Section, lines, list, useSave, type SectionProps } from './section';

const FIELD_LABELS = { autoTask: 'AutoTask', repo: 'Repo', status: 'Status' } as const;

/** Asana: workspace, projects, the three fields (from Asana's list or pasted), the status and repo maps. */
export function AsanaSection({ settings, canEdit, repos }: SectionProps & { repos: string }) {
  const slug = settings.slug;
  const [asana, setAsana] = useState({
    workspaceGid: settings.asana.workspaceGid,
    projectGids: settings.asana.projectGids.join(', '),
    fields: settings.asana.fields,
    statusMap: Object.entries(settings.asana.statusMap) as [string, string][],
    repoMap: Object.entries(settings.asana.repoMap),
  });
  const save = useSave(slug);
  const options = useMutation({
    mutationFn: () => get<AsanaOptions>(`/projects/${slug}/settings/asana-options`),
  });
  const sync = useMutation({
    mutationFn: () => post<{ added: string[] }>(`/projects/${slug}/settings/sync-repos`),
  });
  return (
    <Section
      title="Asana"
      canEdit={canEdit}
      save={save}
      onSave={() =>
        save.mutate({
          asana: {
            workspaceGid: asana.workspaceGid.trim(),
            projectGids: list(asana.projectGids),
            fields: asana.fields,
            statusMap: Object.fromEntries(asana.statusMap.filter(([k]) => k.trim())) as Record<
              string,
              WorkState
            >,
            repoMap: Object.fromEntries(asana.repoMap.filter(([k]) => k.trim())),
          },
        })
      }
    >
      <div className="grid-2">
        <TextField
          label="Workspace GID"
          path="asana.workspaceGid"
          error={save.error}
          value={asana.workspaceGid}
          onChange={(e) => setAsana({ ...asana, workspaceGid: e.target.value })}
        />
        <TextField
          label="Project GIDs"
          path="asana.projectGids"
          error={save.error}
          value={asana.projectGids}
          onChange={(e) => setAsana({ ...asana, projectGids: e.target.value })}
          hint="Comma-separated."
        />
      </div>
      <div className="grid-3">
        {(['autoTask', 'repo', 'status'] as const).map((f) => (
          <AsanaFieldPicker
            key={f}
            label={FIELD_LABELS[f]}
            path={`asana.fields.${f}`}
            error={save.error}
            value={asana.fields[f]}
            fields={options.data?.fields}
            onChange={(gid) => setAsana({ ...asana, fields: { ...asana.fields, [f]: gid } })}
          />
        ))}
      </div>
      {canEdit && (
        <div className="row wrap">
          <button
            type="button"
            className="button"
            onClick={() => options.mutate()}
            disabled={options.isPending}
          >
            {options.isPending ? 'Loading from Asana…' : 'Load fields and options from Asana'}
          </button>
          <button type="button" className="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
            Sync repos to Asana field
          </button>
          <span className="muted small" aria-live="polite">
            {options.data &&
              `Loaded ${options.data.fields.length} fields, ${options.data.repo.length} repo and ${options.data.status.length} status options.`}
            {sync.data &&
              (sync.data.added.length
                ? ` Added: ${sync.data.added.join(', ')}.`
                : ' Every repo already has an option.')}
          </span>
        </div>
      )}
      <FormError error={options.error ?? sync.error} />
      <MapEditor
        label="Status option → work state"
        entries={asana.statusMap}
        onChange={(statusMap) => setAsana({ ...asana, statusMap })}
        valueOptions={['ACTIVE', 'BLOCKED', 'CANCELLED']}
        keyOptions={options.data?.status}
        canEdit={canEdit}
      />
      <MapEditor
        label="Repo option → GitHub repo (overrides)"
        entries={asana.repoMap}
        onChange={(repoMap) => setAsana({ ...asana, repoMap })}
        valueOptions={lines(repos)}
        keyOptions={options.data?.repo}
        canEdit={canEdit}
      />
      <p className="muted small">
        Repo options named owner/repo map automatically; add a row only where the option says something else.
      </p>
    </Section>
  );
}
