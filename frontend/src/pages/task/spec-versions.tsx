import type { SpecVersion } from '../../api/types';
import { Time } from '../../components/time';

const CHANGED: Record<SpecVersion['changed'][number], string> = { title: 'title', notes: 'description' };

/** The TaskSpec versions of a task, newest first: when each started, what changed, its title and notes. */
export function SpecVersions({ versions }: { versions: SpecVersion[] }) {
  if (versions.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="spec-title">
      <h2 id="spec-title">TaskSpec versions</h2>
      <ol className="plain stack" aria-label="TaskSpec versions, newest first" data-testid="spec-versions">
        {versions.map((v) => (
          <li key={v.version}>
            <details>
              <summary>
                <strong>v{v.version}</strong> · <Time at={v.at} /> ·{' '}
                {v.version === 1
                  ? 'received from Asana'
                  : `${v.changed.map((c) => CHANGED[c]).join(' and ')} changed`}
              </summary>
              <p>
                <strong>{v.title || 'Untitled task'}</strong>
              </p>
              <pre className="notes">{v.notes || 'No description.'}</pre>
              {v.truncated && (
                <p className="muted small">Description cut for the history; Asana has all of it.</p>
              )}
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
