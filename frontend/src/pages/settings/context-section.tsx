import { useState } from 'react';
import { TextArea, TextField } from '../../components/field';
import { Section, lines, useSave, type SectionProps } from './section';

/** Links, contacts and knowledge notes that feed every issue's Project Context. */
export function ContextSection({ settings, canEdit }: SectionProps) {
  const [context, setContext] = useState({
    links: settings.context.links.map((l) => `${l.title} | ${l.url}`).join('\n'),
    contacts: settings.context.contacts
      .map((c) => [c.name, c.role ?? '', c.email ?? ''].join(' | '))
      .join('\n'),
    notes: settings.context.notes,
  });
  const save = useSave(settings.slug);
  const setNote = (i: number, change: Partial<{ title: string; body: string }>) =>
    setContext({ ...context, notes: context.notes.map((x, j) => (j === i ? { ...x, ...change } : x)) });
  return (
    <Section
      title="Project context"
      canEdit={canEdit}
      save={save}
      onSave={() =>
        save.mutate({
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
        error={save.error}
        rows={3}
        value={context.links}
        onChange={(e) => setContext({ ...context, links: e.target.value })}
        hint="One per line: title | URL"
      />
      <TextArea
        label="Contacts"
        path="context.contacts"
        error={save.error}
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
              onChange={(e) => setNote(i, { title: e.target.value })}
            />
            <TextArea
              label={`Note ${i + 1} body`}
              rows={4}
              className="input mono"
              value={n.body}
              onChange={(e) => setNote(i, { body: e.target.value })}
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
  );
}
