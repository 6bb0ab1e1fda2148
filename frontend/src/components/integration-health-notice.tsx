import type { ReactNode } from 'react';
import type { IntegrationHealth } from '../api/types';
import { Time } from './time';

/** How long after a re-creation the console still mentions it (the state itself is back to ok next run). */
const RECENT_MS = 24 * 3_600_000;

/** One line per problem the reconciler found, in words a project admin acts on. */
export function healthMessages(health: IntegrationHealth): ReactNode[] {
  const webhooks = health.asanaWebhooks;
  const gids = webhooks?.projectGids.join(', ') ?? '';
  const recreatedAt = webhooks?.recreatedAt;
  const lines: ReactNode[] = [];
  for (const problem of health.problems) {
    if (problem === 'github_token_invalid') lines.push('GitHub token stopped working: GitHub refuses it.');
    else if (problem === 'github_token_missing') lines.push('No GitHub token is set.');
    else if (problem === 'github_unreachable') lines.push('GitHub could not be reached at the last check.');
    else if (problem === 'asana_token_invalid') lines.push('Asana token stopped working: Asana refuses it.');
    else if (problem === 'asana_token_missing') lines.push('No Asana token is set.');
    else if (problem === 'asana_unreachable') lines.push('Asana could not be reached at the last check.');
    else if (problem === 'asana_webhook_missing')
      lines.push(`Asana webhook disabled by Asana and not re-created (Asana project ${gids}).`);
  }
  const recent = recreatedAt && Date.now() - Date.parse(recreatedAt) < RECENT_MS;
  if (recreatedAt && (health.problems.includes('asana_webhook_recreated') || recent))
    lines.push(
      <>
        Asana webhook disabled by Asana (re-created <Time at={recreatedAt} />
        {gids && <> for Asana project {gids}</>}).
      </>,
    );
  return lines;
}

/** A warning with what the reconciler last found wrong with a project's GitHub or Asana connection. */
export function IntegrationHealthNotice({ health, hint }: { health: IntegrationHealth; hint?: ReactNode }) {
  const lines = healthMessages(health);
  if (lines.length === 0 || !health.checkedAt) return null;
  return (
    <div className="notice notice-warn stack-tight" role="status" aria-label="Integration problems">
      <strong>Integration problems</strong>
      <ul className="plain">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <p className="muted small">
        Checked <Time at={health.checkedAt} /> by the reconciler.
        {hint && <> {hint}</>}
      </p>
    </div>
  );
}
