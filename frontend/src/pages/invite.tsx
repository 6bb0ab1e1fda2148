import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { post } from '../api/client';
import type { PublicUser, Role } from '../api/types';
import { ErrorState, FormError, Loading } from '../components/feedback';
import { TextField } from '../components/field';
import { useSignedIn } from '../session';
import { AuthFrame } from './auth-frame';

/** The token is after `#`: browsers never send it to a server or in a Referer. */
function inviteToken(): string {
  return window.location.hash.replace(/^#/, '');
}

export function InvitePage() {
  const [token] = useState(inviteToken);
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', password: '' });
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: () =>
      post<{ project: { name: string; slug: string }; role: Role; expiresAt: string }>(
        '/auth/invite/inspect',
        { token },
      ),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      post<{ user: PublicUser; csrfToken: string }>('/auth/invite/accept', { token, ...form }),
    onSuccess: (result) => {
      signedIn(result);
      navigate(invite.data ? `/p/${invite.data.project.slug}` : '/', { replace: true });
    },
  });
  if (!token)
    return (
      <AuthFrame title="Invite link incomplete">
        <p>Open the whole link you were sent, including the part after “#”.</p>
        <Link to="/login">Sign in instead</Link>
      </AuthFrame>
    );
  if (invite.isPending)
    return (
      <AuthFrame title="Checking your invite…">
        <Loading />
      </AuthFrame>
    );
  if (invite.isError)
    return (
      <AuthFrame title="This invite cannot be used">
        <ErrorState error={invite.error} />
        <Link to="/login">Sign in instead</Link>
      </AuthFrame>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <AuthFrame
      title={`Join ${invite.data.project.name}`}
      intro={
        <p>
          You are invited as <strong>{invite.data.role}</strong>. Choose a username and password.
        </p>
      }
    >
      <form onSubmit={submit} className="stack" noValidate>
        <TextField
          label="Username"
          name="username"
          path="username"
          error={accept.error}
          autoComplete="username"
          value={form.username}
          onChange={set('username')}
          autoFocus
          hint="3–64 characters: letters, digits, dot, dash, underscore."
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          path="password"
          error={accept.error}
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          hint="At least 12 characters."
        />
        <FormError error={accept.error} />
        <button type="submit" className="button button-primary" disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : 'Create account'}
        </button>
      </form>
    </AuthFrame>
  );
}
