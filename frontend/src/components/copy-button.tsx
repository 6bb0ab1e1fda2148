import { useState } from 'react';

/** Copies a value (an id, a URL); says so for screen readers too. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      aria-label={`Copy ${label}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      <span aria-hidden="true">{copied ? 'Copied' : 'Copy'}</span>
      <span className="visually-hidden" aria-live="polite">
        {copied ? `${label} copied` : ''}
      </span>
    </button>
  );
}

/** An id shown in monospace with a copy button. */
export function CopyableId({ name, value }: { name: string; value: string }) {
  return (
    <span className="id">
      <span className="id-name">{name}</span>
      <code>{value}</code>
      <CopyButton value={value} label={name} />
    </span>
  );
}
