import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { del, get, post } from '../api/client';
import { curlExamples, type OpenApiDocument } from '../api/openapi-curl';
import type { ApiTokenView, Role } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorState, FormError, Loading } from '../components/feedback';
import { SelectField, TextField } from '../components/field';
import { useProject } from '../components/project-layout';
import { Time } from '../components/time';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];

function CreateToken({ slug }: { slug: string }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      post<{ token: ApiTokenView; secret: string }>(`/projects/${slug}/api-tokens`, {
        name,
        role,
        ...(expires && { expiresAt: `${expires}T23:59:59Z` }),
      }),
    onSuccess: () => {
      setName('');
      void client.invalidateQueries({ queryKey: ['api-tokens', slug] });
    },
  });
  return (
    <section className="panel stack" aria-labelledby="new-token-title">
      <h2 id="new-token-title">New token</h2>
      <form
        className="stack"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextField
          label="Name"
          path="name"
          error={create.error}
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="What uses it, e.g. “CI deploy job” or “coding agent”."
        />
        <SelectField
          label="Role"
          path="role"
          error={create.error}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          hint="Viewers read; editors act on tasks and approvals; admins also change settings and tokens."
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Expires on (optional)"
          path="expiresAt"
          error={create.error}
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
        />
        <div className="row wrap">
          <button type="submit" className="button button-primary" disabled={create.isPending || !name.trim()}>
            Create token
          </button>
        </div>
      </form>
      {create.data && (
        <div className="notice stack" role="status">
          <p>Copy the token now: it is shown only once. Auto-Flow keeps only a hash of it.</p>
          <div className="endpoint">
            <code className="wrap-anywhere" data-testid="new-token-secret">
              {create.data.secret}
            </code>
            <CopyButton value={create.data.secret} label="API token" />
          </div>
        </div>
      )}
      <FormError error={create.error} />
    </section>
  );
}

function TokenList({ slug }: { slug: string }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<string | undefined>();
  const tokens = useQuery({
    queryKey: ['api-tokens', slug],
    queryFn: () => get<{ items: ApiTokenView[] }>(`/projects/${slug}/api-tokens`),
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => del(`/projects/${slug}/api-tokens/${tokenId}`),
    onSuccess: () => {
      setConfirming(undefined);
      void client.invalidateQueries({ queryKey: ['api-tokens', slug] });
    },
  });
  return (
    <section className="panel stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      {tokens.isPending && <Loading lines={3} />}
      {tokens.isError && <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && tokens.data.items.length === 0 && <p className="muted">No tokens yet.</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <ul className="plain api-tokens">
          {tokens.data.items.map((t) => (
            <li key={t.tokenId} className="stack api-token" data-testid="api-token">
              <div className="row wrap">
                <strong>{t.name}</strong>
                <span className="tag">{t.role}</span>
                <span className={`pill ${t.state === 'active' ? 'pill-good' : 'pill-bad'}`}>{t.state}</span>
              </div>
              <p className="muted small">
                created <Time at={t.createdAt} /> by {t.createdBy} · last used{' '}
                {t.lastUsedAt ? <Time at={t.lastUsedAt} /> : 'never'}
                {t.expiresAt && (
                  <>
                    {' '}
                    · expires <Time at={t.expiresAt} />
                  </>
                )}
                {t.revokedAt && (
                  <>
                    {' '}
                    · revoked <Time at={t.revokedAt} />
                  </>
                )}
              </p>
              {t.state === 'active' &&
                (confirming === t.tokenId ? (
                  <div className="row wrap" role="group" aria-label={`Confirm revoking ${t.name}`}>
                    <span>Revoke “{t.name}”? Requests with it fail at once.</span>
                    <button
                      type="button"
                      className="button button-danger"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(t.tokenId)}
                    >
                      Yes, revoke
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => setConfirming(undefined)}
                    >
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div className="row">
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Revoke ${t.name}`}
                      onClick={() => setConfirming(t.tokenId)}
                    >
                      Revoke
                    </button>
                  </div>
                ))}
            </li>
          ))}
        </ul>
      )}
      <FormError error={revoke.error} />
    </section>
  );
}

function ApiReference() {
  const doc = useQuery({
    queryKey: ['openapi'],
    queryFn: () => get<OpenApiDocument>('/v1/openapi.json'),
    staleTime: Infinity,
  });
  const examples = useMemo(
    () => (doc.data ? curlExamples(doc.data, window.location.origin) : []),
    [doc.data],
  );
  const tags = [...new Set(examples.map((e) => e.tag))];
  return (
    <section className="panel stack" aria-labelledby="reference-title">
      <h2 id="reference-title">API v1 reference</h2>
      <p className="muted small">
        Set <code>AUTOFLOW_TOKEN</code> to a token of this project. The full OpenAPI 3.1 document is at{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are{' '}
        <code>application/problem+json</code>.
      </p>
      {doc.isPending && <Loading lines={4} />}
      {doc.isError && <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />}
      {tags.map((tag) => (
        <details key={tag} className="api-group">
          <summary>
            <strong>{tag}</strong>{' '}
            <span className="muted small">({examples.filter((e) => e.tag === tag).length})</span>
          </summary>
          <ul className="plain stack">
            {examples
              .filter((e) => e.tag === tag)
              .map((e) => (
                <li key={e.operationId} className="stack" data-testid="api-operation">
                  <div className="row wrap">
                    <span className="tag mono">{e.method}</span>
                    <code className="wrap-anywhere">{e.path}</code>
                    <span className="muted small">{e.role}+</span>
                  </div>
                  <p className="small">{e.summary}</p>
                  <div className="endpoint">
                    <pre className="curl" aria-label={`curl example for ${e.operationId}`}>
                      {e.command}
                    </pre>
                    <CopyButton value={e.command} label={`curl for ${e.operationId}`} />
                  </div>
                </li>
              ))}
          </ul>
        </details>
      ))}
    </section>
  );
}

/** Project API tokens (for /api/v1 and agents) and a curl example for every API operation. */
export function ApiTokensPage() {
  const project = useProject();
  const isAdmin = project.role === 'admin';
  return (
    <div className="stack">
      {isAdmin ? (
        <>
          <TokenList slug={project.slug} />
          <CreateToken slug={project.slug} />
        </>
      ) : (
        <p className="notice">Only project admins manage API tokens. Ask one for a token.</p>
      )}
      <ApiReference />
    </div>
  );
}
