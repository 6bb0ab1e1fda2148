import { useState } from 'react';

/** A button that asks once more before acting: the question and Confirm/Cancel replace it inline. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  busy,
  danger,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const kind = danger ? 'button-danger' : 'button-primary';
  if (!asking)
    return (
      <button type="button" className={`button ${kind}`} disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <div className="row wrap" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className={`button ${kind}`}
        disabled={busy}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
