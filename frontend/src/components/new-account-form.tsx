import { useState, type FormEvent, type ReactNode } from 'react';
import { FormError } from './feedback';
import { TextField } from './field';

/** The username and password someone chooses for a new account. */
export interface NewAccount {
  username: string;
  password: string;
}

/**
 * The form that creates an account (first admin, invite): username and new password with their
 * rules, the server's messages per field, and the submit button. `before` holds extra fields (the
 * init token), which then take the focus.
 */
export function NewAccountForm({
  onSubmit,
  error,
  pending,
  submitLabel,
  pendingLabel,
  before,
}: {
  onSubmit: (account: NewAccount) => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  before?: ReactNode;
}) {
  const [account, setAccount] = useState<NewAccount>({ username: '', password: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(account);
  };
  return (
    <form onSubmit={submit} className="stack" noValidate>
      {before}
      <TextField
        label="Username"
        name="username"
        path="username"
        error={error}
        autoComplete="username"
        value={account.username}
        onChange={(e) => setAccount({ ...account, username: e.target.value })}
        autoFocus={!before}
        hint="3–64 characters: letters, digits, dot, dash, underscore."
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        path="password"
        error={error}
        autoComplete="new-password"
        value={account.password}
        onChange={(e) => setAccount({ ...account, password: e.target.value })}
        hint="At least 12 characters. A passphrase works well."
      />
      <FormError error={error} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
