import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, put } from '../api/client';
import { EmptyState, ErrorState, FormError, Loading } from '../components/feedback';
import { useProject } from '../components/project-layout';

interface BuiltIn {
  triggerId: string;
  name: string;
  description: string;
  on: string;
  required: boolean;
  enabled: boolean;
  version: number;
}

interface UserTrigger {
  triggerId: string;
  version: number;
  enabled: boolean;
  secretSet: boolean;
  definition: {
    name: string;
    description: string;
    pattern: { on: string } & Record<string, unknown>;
    action: { kind: string; params: Record<string, unknown> };
    inputs: { name: string; type: string }[];
  };
}

const EXAMPLE = JSON.stringify(
  {
    name: 'Tell Slack on deploy',
    description: '',
    pattern: { on: 'task.status_changed', to: 'DEPLOYED' },
    action: {
      kind: 'notify',
      params: { channel: 'slack', text: 'Deployed: {{task.title}} ({{issue.url}})' },
    },
    inputs: [],
  },
  null,
  2,
);

function useRefresh(slug: string) {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['triggers', slug] });
}

function SwitchButton({ slug, id, enabled }: { slug: string; id: string; enabled: boolean }) {
  const refresh = useRefresh(slug);
  const toggle = useMutation({
    mutationFn: () => put(`/projects/${slug}/triggers/${id}/enabled`, { enabled: !enabled }),
    onSettled: refresh,
  });
  return (
    <>
      <button type="button" className="button" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
        {enabled ? 'Disable' : 'Enable'}
      </button>
      <FormError error={toggle.error} />
    </>
  );
}

function RunForm({ slug, trigger }: { slug: string; trigger: UserTrigger }) {
  const [inputs, setInputs] = useState('{}');
  const [started, setStarted] = useState<string>();
  const run = useMutation({
    mutationFn: () =>
      post<{ actionId: string }>(`/projects/${slug}/triggers/${trigger.triggerId}/start`, {
        inputs: JSON.parse(inputs) as unknown,
      }),
    onSuccess: (r) => setStarted(r.actionId),
  });
  const id = `inputs-${trigger.triggerId}`;
  return (
    <div className="stack">
      <label htmlFor={id}>
        Inputs (JSON): {trigger.definition.inputs.map((i) => `${i.name}: ${i.type}`).join(', ') || 'none'}
      </label>
      <input id={id} className="input mono" value={inputs} onChange={(e) => setInputs(e.target.value)} />
      <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate()}>
        Run now
      </button>
      {started && (
        <p role="status" className="success small">
          Started {started}
        </p>
      )}
      <FormError error={run.error} />
    </div>
  );
}

function EditorForm({ slug, editing, onDone }: { slug: string; editing?: UserTrigger; onDone: () => void }) {
  const refresh = useRefresh(slug);
  const [id, setId] = useState(editing?.triggerId ?? '');
  const [definition, setDefinition] = useState(
    editing ? JSON.stringify(editing.definition, null, 2) : EXAMPLE,
  );
  const [secret, setSecret] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const body = { definition: JSON.parse(definition) as unknown, ...(secret ? { secret } : {}) };
      return editing
        ? put(`/projects/${slug}/triggers/${editing.triggerId}`, { ...body, baseVersion: editing.version })
        : post(`/projects/${slug}/triggers`, { ...body, id });
    },
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel stack" onSubmit={submit} aria-label={editing ? 'Edit trigger' : 'New trigger'}>
      <h3>{editing ? `Edit ${editing.triggerId} (a new version)` : 'New trigger'}</h3>
      {!editing && (
        <>
          <label htmlFor="trigger-id">Id</label>
          <input id="trigger-id" className="input mono" value={id} onChange={(e) => setId(e.target.value)} />
        </>
      )}
      <label htmlFor="trigger-definition">Definition (JSON)</label>
      <textarea
        id="trigger-definition"
        className="input mono"
        rows={14}
        value={definition}
        onChange={(e) => setDefinition(e.target.value)}
      />
      <label htmlFor="trigger-secret">Secret (HMAC key, Slack URL or Telegram token; write-only)</label>
      <input
        id="trigger-secret"
        className="input"
        type="password"
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
      />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError error={save.error} />
    </form>
  );
}

/** The project's triggers: built-ins (switchable unless required) and user triggers (edit, switch, run). */
export function TriggersPage() {
  const project = useProject();
  const slug = project.slug;
  const [editing, setEditing] = useState<UserTrigger | 'new'>();
  const triggers = useQuery({
    queryKey: ['triggers', slug],
    queryFn: () => get<{ builtIns: BuiltIn[]; items: UserTrigger[] }>(`/projects/${slug}/triggers`),
  });
  const admin = project.role === 'admin';
  if (triggers.isPending) return <Loading lines={4} />;
  if (triggers.isError) return <ErrorState error={triggers.error} onRetry={() => void triggers.refetch()} />;
  return (
    <div className="stack">
      <section className="stack" aria-labelledby="builtins-title">
        <h2 id="builtins-title">Built-in triggers</h2>
        <ul className="cards single">
          {triggers.data.builtIns.map((t) => (
            <li key={t.triggerId} className="card" data-testid="built-in-trigger">
              <div className="row wrap">
                <span className={`pill ${t.enabled ? 'pill-good' : 'pill-warn'}`}>
                  {t.enabled ? 'On' : 'Off'}
                </span>
                <span className="mono">{t.triggerId}</span>
                {t.required && <span className="muted small">required by the core loop</span>}
              </div>
              <h3 className="card-title">{t.name}</h3>
              <p className="muted small">{t.description}</p>
              {admin && !t.required && <SwitchButton slug={slug} id={t.triggerId} enabled={t.enabled} />}
            </li>
          ))}
        </ul>
      </section>
      <section className="stack" aria-labelledby="user-triggers-title">
        <h2 id="user-triggers-title">Your triggers</h2>
        {admin && !editing && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New trigger
          </button>
        )}
        {editing && (
          <EditorForm
            slug={slug}
            {...(editing === 'new' ? {} : { editing })}
            onDone={() => setEditing(undefined)}
          />
        )}
        {triggers.data.items.length === 0 ? (
          <EmptyState title="No triggers yet.">
            Add one to post a webhook, notify Slack or dispatch a workflow.
          </EmptyState>
        ) : (
          <ul className="cards single">
            {triggers.data.items.map((t) => (
              <li key={t.triggerId} className="card" data-testid="user-trigger">
                <div className="row wrap">
                  <span className={`pill ${t.enabled ? 'pill-good' : 'pill-warn'}`}>
                    {t.enabled ? 'On' : 'Off'}
                  </span>
                  <span className="mono">{t.triggerId}</span>
                  <span className="muted small">
                    v{t.version} · {t.definition.pattern.on} → {t.definition.action.kind}
                    {t.secretSet ? ' · secret set' : ''}
                  </span>
                </div>
                <h3 className="card-title">{t.definition.name}</h3>
                <pre className="notes small">{JSON.stringify(t.definition.action.params, null, 2)}</pre>
                {admin && (
                  <div className="row">
                    <SwitchButton slug={slug} id={t.triggerId} enabled={t.enabled} />
                    <button type="button" className="button" onClick={() => setEditing(t)}>
                      Edit
                    </button>
                  </div>
                )}
                {project.role !== 'viewer' && t.enabled && <RunForm slug={slug} trigger={t} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
