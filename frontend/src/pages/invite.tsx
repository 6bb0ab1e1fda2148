import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { post } from '../api/client';
import type { PublicUser, Role } from '../api/types';
import { ErrorState, Loading } from '../components/feedback';
import { NewAccountForm, type NewAccount } from '../components/new-account-form';
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
    mutationFn: (account: NewAccount) =>
      post<{ user: PublicUser; csrfToken: string }>('/auth/invite/accept', { token, ...account }),
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
  return (
    <AuthFrame
      title={`Join ${invite.data.project.name}`}
      intro={
        <p>
          You are invited as <strong>{invite.data.role}</strong>. Choose a username and password.
        </p>
      }
    >
      <NewAccountForm
        onSubmit={(account) => accept.mutate(account)}
        error={accept.error}
        pending={accept.isPending}
        submitLabel="Create account"
        pendingLabel="Joining…"
      />
    </AuthFrame>
  );
}
