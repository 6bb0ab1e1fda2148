import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** Something that is not there yet (no tasks, no members): says what and what to do. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** A failed load, with the server's message and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="error-state" role="alert">
      <p>
        <strong>
          {error instanceof ApiError && error.status === 404 ? 'Not found.' : 'Could not load this.'}
        </strong>{' '}
        {message}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A placeholder of fixed height while something loads, so the page does not jump when it arrives. */
export function Loading({ label = 'Loading…', lines = 3 }: { label?: string; lines?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" />
      ))}
    </div>
  );
}

/** The error of a form submission, read out when it appears. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return <div className="form-error" aria-live="polite" />;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}
