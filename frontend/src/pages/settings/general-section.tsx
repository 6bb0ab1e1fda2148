import { useState } from 'react';
import { TextField } from '../../components/field';
import { Section, useSave, type SectionProps } from './section';

/** The project's name. */
export function GeneralSection({ settings, canEdit }: SectionProps) {
  const [name, setName] = useState(settings.name);
  const save = useSave(settings.slug);
  return (
    <Section title="General" canEdit={canEdit} onSave={() => save.mutate({ name })} save={save}>
      <TextField
        label="Project name"
        path="name"
        error={save.error}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
    </Section>
  );
}
