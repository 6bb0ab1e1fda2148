import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { post } from '../api/client';
import type { PublicUser } from '../api/types';
import { Loading } from '../components/feedback';
import { TextField } from '../components/field';
import { NewAccountForm, type NewAccount } from '../components/new-account-form';
import { useSession, useSignedIn } from '../session';
import { AuthFrame } from './auth-frame';

/** First run: the init token (printed by `npm start`, or from configuration) creates the one admin. */
export function SetupPage() {
  const session = useSession();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const init = useMutation({
    mutationFn: (account: NewAccount) =>
      post<{ user: PublicUser; csrfToken: string }>('/auth/init', { token, ...account }),
    onSuccess: (result) => {
      signedIn(result);
      navigate('/', { replace: true });
    },
  });
  if (session.isPending) return <Loading />;
  if (session.data?.initialised && !init.isSuccess) return <Navigate to="/login" replace />;
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
      <NewAccountForm
        onSubmit={(account) => init.mutate(account)}
        error={init.error}
        pending={init.isPending}
        submitLabel="Create admin and sign in"
        pendingLabel="Creating…"
        before={
          <TextField
            label="Init token"
            name="token"
            path="token"
            error={init.error}
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoFocus
          />
        }
      />
    </AuthFrame>
  );
}
