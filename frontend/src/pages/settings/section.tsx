import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { put } from '../../api/client';
import type { Settings } from '../../api/types';
import { FormError } from '../../components/feedback';
import { projectKey } from '../../components/project-layout';

/** Non-empty trimmed lines of a text area. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Non-empty items of a comma- or space-separated list. */
export const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((l) => l.trim())
    .filter(Boolean);

/** One settings section: a form for admins, the same fields read-only (and no buttons) for everyone else. */
export function Section({
  title,
  canEdit,
  onSave,
  save,
  children,
}: {
  title: string;
  canEdit: boolean;
  onSave: () => void;
  /** The section's save mutation: its pending, error and success states drive the form. */
  save: { isPending: boolean; error: unknown; isSuccess: boolean };
  children: ReactNode;
}) {
  const { isPending: saving, error, isSuccess: saved } = save;
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

/** Saves one part of the settings and refreshes what shows them. */
export function useSave(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<Settings>) => put<Settings>(`/projects/${slug}/settings`, change),
    onSuccess: (next) => {
      client.setQueryData(['settings', slug], next);
      void client.invalidateQueries({ queryKey: projectKey(slug) });
    },
  });
}

/** What every section gets. */
export interface SectionProps {
  settings: Settings;
  canEdit: boolean;
}
