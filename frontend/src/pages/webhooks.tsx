import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../api/client';
import type { WebhookHealth, WebhooksInfo } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorState, Loading } from '../components/feedback';
import { useProject } from '../components/project-layout';
import { IntegrationHealthNotice } from '../components/integration-health-notice';
import { Time } from '../components/time';
import { SetUpAsanaWebhooks, ValidateGitHubHooks } from './webhooks/webhook-actions';

function Health({ health, days }: { health: WebhookHealth; days: number }) {
  const t = health.totals;
  return (
    <dl className="facts">
      <div>
        <dt>Last delivery</dt>
        <dd>
          {health.lastDeliveryAt ? (
            <>
              <Time at={health.lastDeliveryAt} /> ({health.lastOutcome?.replace('_', ' ')})
            </>
          ) : (
            'None yet'
          )}
        </dd>
      </div>
      <div>
        <dt>Accepted ({days} d)</dt>
        <dd>{(t.accepted ?? 0) + (t.duplicate ?? 0) + (t.ignored ?? 0)}</dd>
      </div>
      <div>
        <dt>Rejected signatures</dt>
        <dd className={t.rejected_signature ? 'bad' : ''}>
          {t.rejected_signature ?? 0}
          {health.lastRejectedAt && (
            <>
              {' '}
              · last <Time at={health.lastRejectedAt} />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Failures</dt>
        <dd className={t.failed ? 'bad' : ''}>
          {t.failed ?? 0}
          {health.lastFailureAt && (
            <>
              {' '}
              · last <Time at={health.lastFailureAt} />
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

function Endpoint({ label, url }: { label: string; url: string }) {
  return (
    <div className="endpoint">
      <span className="muted small">{label}</span>
      <code className="wrap-anywhere">{url}</code>
      <CopyButton value={url} label={label} />
    </div>
  );
}

/** Where GitHub and Asana send webhooks, whether the secrets are set, and how deliveries went. */
export function WebhooksPage() {
  const project = useProject();
  const info = useQuery({
    queryKey: ['webhooks', project.slug],
    queryFn: () => get<WebhooksInfo>(`/projects/${project.slug}/webhooks`),
    refetchInterval: 15_000,
  });
  if (info.isPending) return <Loading lines={6} />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const { github, asana, days, integrations } = info.data;
  return (
    <div className="stack">
      <IntegrationHealthNotice health={integrations} />
      <section className="panel stack" aria-labelledby="gh-hooks">
        <h2 id="gh-hooks">GitHub</h2>
        <Endpoint label="Payload URL" url={github.url} />
        <p className="muted small">
          Content type <code>application/json</code>; events: {github.events.join(', ')}. Secret:{' '}
          {github.secretSet ? 'set' : <strong>not set</strong>}
          {project.role === 'admin' && (
            <>
              {' '}
              (<Link to="../settings">change in Settings</Link>)
            </>
          )}
          .
        </p>
        <Health health={github.health} days={days} />
        {project.role === 'admin' && <ValidateGitHubHooks slug={project.slug} />}
      </section>
      <section className="panel stack" aria-labelledby="asana-hooks">
        <h2 id="asana-hooks">Asana</h2>
        <Endpoint label="Target URL" url={asana.url} />
        <p className="muted small">
          Asana's handshake sets the secret when Auto-Flow registers the webhook. Secret:{' '}
          {asana.secretSet ? 'set' : 'not set yet'}.
        </p>
        {asana.webhooks.length > 0 ? (
          <ul className="plain small" aria-label="Asana webhooks set up">
            {asana.webhooks.map((w) => (
              <li key={w.asanaProjectGid}>
                Asana project <span className="mono">{w.asanaProjectGid}</span>: webhook{' '}
                <span className="mono">{w.webhookGid}</span> since <Time at={w.createdAt} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No Asana webhook set up yet.</p>
        )}
        <Health health={asana.health} days={days} />
        {project.role === 'admin' && <SetUpAsanaWebhooks slug={project.slug} />}
      </section>
    </div>
  );
}
