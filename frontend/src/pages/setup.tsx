import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { post } from '../api/client';
import type { PublicUser } from '../api/types';
import { FormError, Loading } from '../components/feedback';
import { TextField } from '../components/field';
import { useSession, useSignedIn } from '../session';
import { AuthFrame } from './auth-frame';

/** First run: the init token (printed by `npm start`, or from configuration) creates the one admin. */
export function SetupPage() {
  const session = useSession();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [form, setForm] = useState({ token: '', username: '', password: '' });
  const init = useMutation({
    mutationFn: () => post<{ user: PublicUser; csrfToken: string }>('/auth/init', form),
    onSuccess: (result) => {
      signedIn(result);
      navigate('/', { replace: true });
    },
  });
  if (session.isPending) return <Loading />;
  if (session.data?.initialised && !init.isSuccess) return <Navigate to="/login" replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    init.mutate();
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <AuthFrame
      title="Create the first admin"
      intro={
        <p>
          Paste the one-time init token that <code>npm start</code> printed (or INIT_ADMIN_TOKEN on AWS). It
          works once.
        </p>
      }
    >
      <form onSubmit={submit} className="stack" noValidate>
        <TextField
          label="Init token"
          name="token"
          path="token"
          error={init.error}
          autoComplete="off"
          spellCheck={false}
          value={form.token}
          onChange={set('token')}
          autoFocus
        />
        <TextField
          label="Username"
          name="username"
          path="username"
          error={init.error}
          autoComplete="username"
          value={form.username}
          onChange={set('username')}
          hint="3–64 characters: letters, digits, dot, dash, underscore."
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          path="password"
          error={init.error}
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          hint="At least 12 characters. A passphrase works well."
        />
        <FormError error={init.error} />
        <button type="submit" className="button button-primary" disabled={init.isPending}>
          {init.isPending ? 'Creating…' : 'Create admin and sign in'}
        </button>
      </form>
    </AuthFrame>
  );
}
