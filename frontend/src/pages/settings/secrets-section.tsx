import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { put } from '../../api/client';
import type { Settings } from '../../api/types';
import { TextField } from '../../components/field';
import { projectKey } from '../../components/project-layout';
import { Section, type SectionProps } from './section';

const SECRET_LABELS = {
  asanaToken: 'Asana personal access token',
  githubToken: 'GitHub token',
  githubWebhookSecret: 'GitHub webhook secret',
  asanaWebhookSecret: 'Asana webhook secret',
} as const;

/** Integration secrets: write-only, shown masked; a value is sent only to replace one. */
export function SecretsSection({ settings, canEdit }: SectionProps) {
  const slug = settings.slug;
  const client = useQueryClient();
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const save = useMutation({
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
  return (
    <Section title="Secrets" canEdit={canEdit} onSave={() => save.mutate()} save={save}>
      <p className="muted small">
        Write-only: stored encrypted, never shown again. Enter a value only to replace it.
      </p>
      {(Object.keys(SECRET_LABELS) as (keyof typeof SECRET_LABELS)[]).map((k) => (
        <div key={k} className="secret-row">
          <TextField
            label={SECRET_LABELS[k]}
            path={k}
            error={save.error}
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
  );
}
