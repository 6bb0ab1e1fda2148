import type { EnumOption } from '../../api/types';

/** Rows of "Asana option → value", with the loaded Asana options suggested for the keys. */
export function MapEditor({
  label,
  entries,
  onChange,
  valueOptions,
  keyOptions,
  canEdit,
}: {
  label: string;
  entries: [string, string][];
  onChange: (e: [string, string][]) => void;
  valueOptions: string[];
  keyOptions?: EnumOption[];
  canEdit: boolean;
}) {
  return (
    <fieldset className="map">
      <legend>{label}</legend>
      {entries.length === 0 && <p className="muted small">No entries.</p>}
      {entries.map(([k, v], i) => (
        <div className="map-row" key={i}>
          <input
            className="input"
            aria-label={`${label}: Asana option ${i + 1}`}
            value={k}
            list={keyOptions ? `${label}-options` : undefined}
            onChange={(e) => onChange(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
          />
          <select
            className="input"
            aria-label={`${label}: maps to, row ${i + 1}`}
            value={v}
            onChange={(e) => onChange(entries.map((x, j) => (j === i ? [x[0], e.target.value] : x)))}
          >
            {valueOptions.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {canEdit && (
            <button
              type="button"
              className="button button-quiet"
              aria-label={`Remove row ${i + 1} of ${label}`}
              onClick={() => onChange(entries.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      {keyOptions && (
        <datalist id={`${label}-options`}>
          {keyOptions.map((o) => (
            <option key={o.gid} value={o.name} />
          ))}
        </datalist>
      )}
      {canEdit && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => onChange([...entries, ['', valueOptions[0] ?? '']])}
        >
          Add row
        </button>
      )}
    </fieldset>
  );
}
