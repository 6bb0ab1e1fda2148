import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { get, put, post } from '../api/client';
import type { EnumOption, KillSwitch, Settings, WorkState } from '../api/types';
import { ErrorState, FormError, Loading } from '../components/feedback';
import { SelectField, TextArea, TextField } from '../components/field';
import { projectKey, useProject } from '../components/project-layout';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((l) => l.trim())
    .filter(Boolean);
const SECRET_LABELS = {
  asanaToken: 'Asana personal access token',
  githubToken: 'GitHub token',
  githubWebhookSecret: 'GitHub webhook secret',
  asanaWebhookSecret: 'Asana webhook secret',
} as const;

/** One settings section: a form for admins, the same fields read-only (and no buttons) for everyone else. */
function Section({
  title,
  canEdit,
  onSave,
  saving,
  error,
  saved,
  children,
}: {
  title: string;
  canEdit: boolean;
  onSave: () => void;
  saving: boolean;
  error: unknown;
  saved: boolean;
  children: ReactNode;
}) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave();
  };
  return (
    <form className="panel stack" aria-labelledby={id} onSubmit={submit} noValidate>
      <h2 id={id}>{title}</h2>
      <fieldset disabled={!canEdit || saving} className="stack">
        {children}
      </fieldset>
      {canEdit && (
        <>
          <FormError error={error} />
          <div className="row">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <span className="success" aria-live="polite">
              {saved ? 'Saved.' : ''}
            </span>
          </div>
        </>
      )}
    </form>
  );
}

function MapEditor({
  label,
  entries,
  onChange,
  valueOptions,
  keyOptions,
  canEdit,
}: {
  label: string;
  entries: [string, string][];
  onChange: (e: [string, string][]) => void;
  valueOptions: string[];
  keyOptions?: EnumOption[];
  canEdit: boolean;
}) {
  return (
    <fieldset className="map">
      <legend>{label}</legend>
      {entries.length === 0 && <p className="muted small">No entries.</p>}
      {entries.map(([k, v], i) => (
        <div className="map-row" key={i}>
          <input
            className="input"
            aria-label={`${label}: Asana option ${i + 1}`}
            value={k}
            list={keyOptions ? `${label}-options` : undefined}
            onChange={(e) => onChange(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
          />
          <select
            className="input"
            aria-label={`${label}: maps to, row ${i + 1}`}
            value={v}
            onChange={(e) => onChange(entries.map((x, j) => (j === i ? [x[0], e.target.value] : x)))}
          >
            {valueOptions.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {canEdit && (
            <button
              type="button"
              className="button button-quiet"
              aria-label={`Remove row ${i + 1} of ${label}`}
              onClick={() => onChange(entries.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      {keyOptions && (
        <datalist id={`${label}-options`}>
          {keyOptions.map((o) => (
            <option key={o.gid} value={o.name} />
          ))}
        </datalist>
      )}
      {canEdit && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => onChange([...entries, ['', valueOptions[0] ?? '']])}
        >
          Add row
        </button>
      )}
    </fieldset>
  );
}

function useSave(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<Settings>) => put<Settings>(`/projects/${slug}/settings`, change),
    onSuccess: (next) => {
      client.setQueryData(['settings', slug], next);
      void client.invalidateQueries({ queryKey: projectKey(slug) });
    },
  });
}

function SettingsForms({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const slug = settings.slug;
  const client = useQueryClient();
  const [name, setName] = useState(settings.name);
  const [asana, setAsana] = useState({
    workspaceGid: settings.asana.workspaceGid,
    projectGids: settings.asana.projectGids.join(', '),
    fields: settings.asana.fields,
    statusMap: Object.entries(settings.asana.statusMap) as [string, string][],
    repoMap: Object.entries(settings.asana.repoMap),
  });
  const [github, setGithub] = useState({
    repos: settings.github.repos.join('\n'),
    defaultRepo: settings.github.defaultRepo ?? '',
    ciWorkflows: settings.github.ciWorkflows.join(', '),
  });
  const [context, setContext] = useState({
    links: settings.context.links.map((l) => `${l.title} | ${l.url}`).join('\n'),
    contacts: settings.context.contacts
      .map((c) => [c.name, c.role ?? '', c.email ?? ''].join(' | '))
      .join('\n'),
    notes: settings.context.notes,
  });
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const general = useSave(slug);
  const asanaSave = useSave(slug);
  const githubSave = useSave(slug);
  const contextSave = useSave(slug);
  const options = useMutation({
    mutationFn: () =>
      get<{ autoTask: EnumOption[]; repo: EnumOption[]; status: EnumOption[] }>(
        `/projects/${slug}/settings/asana-options`,
      ),
  });
  const sync = useMutation({
    mutationFn: () => post<{ added: string[] }>(`/projects/${slug}/settings/sync-repos`),
  });
  const secretSave = useMutation({
    mutationFn: () =>
      put<Settings['secrets']>(
        `/projects/${slug}/settings/secrets`,
        Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim())),
      ),
    onSuccess: (next) => {
      setSecrets({});
      client.setQueryData<Settings>(['settings', slug], (s) => (s ? { ...s, secrets: next } : s));
      void client.invalidateQueries({ queryKey: projectKey(slug) });
    },
  });
  const repos = lines(github.repos);
  return (
    <div className="stack">
      <Section
        title="General"
        canEdit={canEdit}
        onSave={() => general.mutate({ name })}
        saving={general.isPending}
        error={general.error}
        saved={general.isSuccess}
      >
        <TextField
          label="Project name"
          path="name"
          error={general.error}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Section>

      <Section
        title="Asana"
        canEdit={canEdit}
        saving={asanaSave.isPending}
        error={asanaSave.error}
        saved={asanaSave.isSuccess}
        onSave={() =>
          asanaSave.mutate({
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
            error={asanaSave.error}
            value={asana.workspaceGid}
            onChange={(e) => setAsana({ ...asana, workspaceGid: e.target.value })}
          />
          <TextField
            label="Project GIDs"
            path="asana.projectGids"
            error={asanaSave.error}
            value={asana.projectGids}
            onChange={(e) => setAsana({ ...asana, projectGids: e.target.value })}
            hint="Comma-separated."
          />
        </div>
        <div className="grid-3">
          {(['autoTask', 'repo', 'status'] as const).map((f) => (
            <TextField
              key={f}
              label={`${{ autoTask: 'AutoTask', repo: 'Repo', status: 'Status' }[f]} field GID`}
              path={`asana.fields.${f}`}
              error={asanaSave.error}
              className="input mono"
              value={asana.fields[f]}
              onChange={(e) => setAsana({ ...asana, fields: { ...asana.fields, [f]: e.target.value } })}
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
              {options.isPending ? 'Loading options…' : 'Load options from Asana'}
            </button>
            <button type="button" className="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
              Sync repos to Asana field
            </button>
            <span className="muted small" aria-live="polite">
              {options.data &&
                `Loaded ${options.data.repo.length} repo and ${options.data.status.length} status options.`}
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
          valueOptions={repos}
          keyOptions={options.data?.repo}
          canEdit={canEdit}
        />
        <p className="muted small">
          Repo options named owner/repo map automatically; add a row only where the option says something
          else.
        </p>
      </Section>

      <Section
        title="GitHub"
        canEdit={canEdit}
        saving={githubSave.isPending}
        error={githubSave.error}
        saved={githubSave.isSuccess}
        onSave={() =>
          githubSave.mutate({
            github: {
              ...settings.github,
              repos,
              defaultRepo: github.defaultRepo || repos[0],
              defaultBranches: Object.fromEntries(
                repos.map((r) => [r, settings.github.defaultBranches[r] ?? 'main']),
              ),
              ciWorkflows: list(github.ciWorkflows),
            },
          })
        }
      >
        <TextArea
          label="Repositories"
          path="github.repos"
          error={githubSave.error}
          rows={3}
          className="input mono"
          value={github.repos}
          onChange={(e) => setGithub({ ...github, repos: e.target.value })}
          hint="One owner/repo per line."
        />
        <div className="grid-2">
          <SelectField
            label="Default repository"
            path="github.defaultRepo"
            error={githubSave.error}
            value={github.defaultRepo}
            onChange={(e) => setGithub({ ...github, defaultRepo: e.target.value })}
          >
            {repos.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <TextField
            label="CI workflow names"
            path="github.ciWorkflows"
            error={githubSave.error}
            value={github.ciWorkflows}
            onChange={(e) => setGithub({ ...github, ciWorkflows: e.target.value })}
            hint="Comma-separated. Empty: every workflow on the merge commit counts."
          />
        </div>
      </Section>

      <Section
        title="Project context"
        canEdit={canEdit}
        saving={contextSave.isPending}
        error={contextSave.error}
        saved={contextSave.isSuccess}
        onSave={() =>
          contextSave.mutate({
            context: {
              links: lines(context.links).map((l) => {
                const [title = '', url = ''] = l.split('|').map((x) => x.trim());
                return { title, url };
              }),
              contacts: lines(context.contacts).map((l) => {
                const [name = '', role, email] = l.split('|').map((x) => x.trim());
                return { name, ...(role && { role }), ...(email && { email }) };
              }),
              notes: context.notes.filter((n) => n.title.trim() || n.body.trim()),
            },
          })
        }
      >
        <p className="muted small">Feeds the “Project context” of every issue Auto-Flow opens.</p>
        <TextArea
          label="Links"
          path="context.links"
          error={contextSave.error}
          rows={3}
          value={context.links}
          onChange={(e) => setContext({ ...context, links: e.target.value })}
          hint="One per line: title | URL"
        />
        <TextArea
          label="Contacts"
          path="context.contacts"
          error={contextSave.error}
          rows={3}
          value={context.contacts}
          onChange={(e) => setContext({ ...context, contacts: e.target.value })}
          hint="One per line: name | role | email"
        />
        <fieldset className="stack">
          <legend>Knowledge notes (Markdown)</legend>
          {context.notes.map((n, i) => (
            <div key={i} className="note-editor stack">
              <TextField
                label={`Note ${i + 1} title`}
                value={n.title}
                onChange={(e) =>
                  setContext({
                    ...context,
                    notes: context.notes.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)),
                  })
                }
              />
              <TextArea
                label={`Note ${i + 1} body`}
                rows={4}
                className="input mono"
                value={n.body}
                onChange={(e) =>
                  setContext({
                    ...context,
                    notes: context.notes.map((x, j) => (j === i ? { ...x, body: e.target.value } : x)),
                  })
                }
              />
              {canEdit && (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => setContext({ ...context, notes: context.notes.filter((_, j) => j !== i) })}
                >
                  Remove note {i + 1}
                </button>
              )}
            </div>
          ))}
          {canEdit && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setContext({ ...context, notes: [...context.notes, { title: '', body: '' }] })}
            >
              Add note
            </button>
          )}
        </fieldset>
      </Section>

      <Section
        title="Secrets"
        canEdit={canEdit}
        onSave={() => secretSave.mutate()}
        saving={secretSave.isPending}
        error={secretSave.error}
        saved={secretSave.isSuccess}
      >
        <p className="muted small">
          Write-only: stored encrypted, never shown again. Enter a value only to replace it.
        </p>
        {(Object.keys(SECRET_LABELS) as (keyof typeof SECRET_LABELS)[]).map((k) => (
          <div key={k} className="secret-row">
            <TextField
              label={SECRET_LABELS[k]}
              path={k}
              error={secretSave.error}
              type="password"
              autoComplete="new-password"
              placeholder={settings.secrets[k].set ? (settings.secrets[k].masked ?? '') : 'Not set'}
              value={secrets[k] ?? ''}
              onChange={(e) => setSecrets({ ...secrets, [k]: e.target.value })}
              hint={settings.secrets[k].set ? 'Set' : 'Not set'}
            />
          </div>
        ))}
      </Section>
    </div>
  );
}

function KillSwitchPanel({ slug, state, canEdit }: { slug: string; state: KillSwitch; canEdit: boolean }) {
  const client = useQueryClient();
  const flip = useMutation({
    mutationFn: (on: boolean) => put<KillSwitch>(`/projects/${slug}/kill-switch`, { on }),
    onSuccess: () => void client.invalidateQueries({ queryKey: projectKey(slug) }),
  });
  return (
    <section className="panel stack" aria-labelledby="kill-title">
      <h2 id="kill-title">Kill switch</h2>
      <p>
        {state.project
          ? 'On: no effect of this project runs; held effects wait.'
          : 'Off: effects run as policy allows.'}
        {state.global && ' The global kill switch is on as well.'}
      </p>
      {canEdit && (
        <div className="row">
          <button
            type="button"
            className={`button ${state.project ? 'button-primary' : 'button-danger'}`}
            disabled={flip.isPending}
            onClick={() => flip.mutate(!state.project)}
          >
            {state.project ? 'Switch off' : 'Switch on (stop all effects)'}
          </button>
        </div>
      )}
      <FormError error={flip.error} />
    </section>
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
      <KillSwitchPanel slug={project.slug} state={project.killSwitch} canEdit={canEdit} />
      <SettingsForms key={settings.dataUpdatedAt} settings={settings.data} canEdit={canEdit} />
    </div>
  );
}
