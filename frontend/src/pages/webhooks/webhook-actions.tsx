import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client';
import type { AsanaWebhookResult, GitHubHookResult } from '../../api/types';
import { FormError } from '../../components/feedback';

const GITHUB_LABEL: Record<GitHubHookResult['status'], string> = {
  ok: 'OK',
  created: 'Created',
  misconfigured: 'Misconfigured',
  missing: 'Missing',
};
const ASANA_LABEL: Record<AsanaWebhookResult['status'], string> = {
  kept: 'Already set up',
  created: 'Created',
  failed: 'Failed',
};
const tone = (status: string) =>
  status === 'ok' || status === 'kept' || status === 'created' ? 'pill-good' : 'pill-bad';

/** "Validate GitHub webhooks": checks each repo has our hook, creates it where the token allows. */
export function ValidateGitHubHooks({ slug }: { slug: string }) {
  const client = useQueryClient();
  const validate = useMutation({
    mutationFn: () => post<{ results: GitHubHookResult[] }>(`/projects/${slug}/webhooks/github/validate`),
    onSettled: () => void client.invalidateQueries({ queryKey: ['webhooks', slug] }),
  });
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={validate.isPending}
          onClick={() => validate.mutate()}
        >
          {validate.isPending ? 'Validating…' : 'Validate GitHub webhooks'}
        </button>
      </div>
      <FormError error={validate.error} />
      {validate.data && (
        <ul
          className="plain stack"
          aria-label="GitHub webhook per repository"
          data-testid="github-hook-results"
        >
          {validate.data.results.map((r) => (
            <li key={r.repo} className="row wrap">
              <span className="mono">{r.repo}</span>
              <span className={`pill ${tone(r.status)}`}>{GITHUB_LABEL[r.status]}</span>
              {r.problems && <span className="muted small">{r.problems.join('; ')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Set up Asana webhooks": one per configured Asana project, through Asana's handshake. */
export function SetUpAsanaWebhooks({ slug }: { slug: string }) {
  const client = useQueryClient();
  const setUp = useMutation({
    mutationFn: () => post<{ results: AsanaWebhookResult[] }>(`/projects/${slug}/webhooks/asana/setup`),
    onSettled: () => void client.invalidateQueries({ queryKey: ['webhooks', slug] }),
  });
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="button" disabled={setUp.isPending} onClick={() => setUp.mutate()}>
          {setUp.isPending ? 'Setting up…' : 'Set up Asana webhooks'}
        </button>
      </div>
      <FormError error={setUp.error} />
      {setUp.data && (
        <ul
          className="plain stack"
          aria-label="Asana webhook per Asana project"
          data-testid="asana-hook-results"
        >
          {setUp.data.results.map((r) => (
            <li key={r.asanaProjectGid} className="row wrap">
              <span className="mono">Asana project {r.asanaProjectGid}</span>
              <span className={`pill ${tone(r.status)}`}>{ASANA_LABEL[r.status]}</span>
              {r.reason && <span className="muted small">{r.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
