import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client';

interface FieldProps {
  label: string;
  /** The API path of the field, to show the server's message for it. */
  path?: string;
  error?: unknown;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A labelled form field with its hint and the server's error for it (by field path). */
export function Field({ label, path, error, hint, children }: FieldProps) {
  const id = useId();
  const message = path && error instanceof ApiError ? error.issue(path) : undefined;
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(describedBy && { 'aria-describedby': describedBy }),
        ...(message && { 'aria-invalid': true }),
      })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {message && (
        <p className="field-message" id={`${id}-error`}>
          {label} {message}
        </p>
      )}
    </div>
  );
}

export function TextField(props: Omit<FieldProps, 'children'> & InputHTMLAttributes<HTMLInputElement>) {
  const { label, path, error, hint, ...input } = props;
  return (
    <Field label={label} path={path} error={error} hint={hint}>
      {(a11y) => <input className="input" {...input} {...a11y} />}
    </Field>
  );
}

export function TextArea(props: Omit<FieldProps, 'children'> & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { label, path, error, hint, ...input } = props;
  return (
    <Field label={label} path={path} error={error} hint={hint}>
      {(a11y) => <textarea className="input" {...input} {...a11y} />}
    </Field>
  );
}

export function SelectField(props: Omit<FieldProps, 'children'> & SelectHTMLAttributes<HTMLSelectElement>) {
  const {
    label,
    path,
    error,
    hint,
    children: options,
    ...select
  } = props as typeof props & { children: ReactNode };
  return (
    <Field label={label} path={path} error={error} hint={hint}>
      {(a11y) => (
        <select className="input" {...select} {...a11y}>
          {options}
        </select>
      )}
    </Field>
  );
}
