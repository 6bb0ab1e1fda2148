import { useState } from 'react';
import type { AsanaField } from '../../api/types';
import { SelectField, TextField } from '../../components/field';

const PASTE = '__paste__';

/**
 * One of the AutoTask/Repo/Status fields: chosen from the Asana projects' custom fields once they
 * are loaded, or pasted as a GID (always possible: a field may sit on another project).
 */
export function AsanaFieldPicker({
  label,
  path,
  error,
  value,
  onChange,
  fields,
}: {
  label: string;
  path: string;
  error: unknown;
  value: string;
  onChange: (gid: string) => void;
  fields: AsanaField[] | undefined;
}) {
  const known = fields?.some((f) => f.gid === value) ?? false;
  const [pasting, setPasting] = useState(false);
  if (!fields || pasting || (value !== '' && !known))
    return (
      <TextField
        label={`${label} field GID`}
        path={path}
        error={error}
        className="input mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        hint={
          fields ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setPasting(false);
                onChange('');
              }}
            >
              Choose from Asana instead
            </button>
          ) : undefined
        }
      />
    );
  return (
    <SelectField
      label={`${label} field`}
      path={path}
      error={error}
      value={value}
      onChange={(e) => (e.target.value === PASTE ? setPasting(true) : onChange(e.target.value))}
    >
      <option value="">Not set</option>
      {fields.map((f) => (
        <option key={f.gid} value={f.gid}>
          {f.name} ({f.type}
          {f.options.length > 0 ? `, ${f.options.length} options` : ''})
        </option>
      ))}
      <option value={PASTE}>Paste a GID…</option>
    </SelectField>
  );
}
