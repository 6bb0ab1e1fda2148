import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { post, setCsrfToken } from '../api/client';
import { useSession } from '../session';
import { ErrorState, Loading } from './feedback';

/** Sends people who are not signed in to sign-in (or to the first-admin setup on a fresh install). */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending)
    return (
      <main className="page narrow">
        <Loading label="Checking your session…" />
      </main>
    );
  if (session.isError)
    return (
      <main className="page narrow">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  if (!session.data.initialised) return <Navigate to="/setup" replace />;
  if (!session.data.user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return <>{children}</>;
}

/** The frame of every signed-in page: brand, who is signed in, sign-out. */
export function AppLayout() {
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const user = session.data?.user;
  const signOut = async () => {
    await post('/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    client.clear();
    navigate('/login', { replace: true });
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Auto-Flow projects">
          <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M8 20l6-8 4 5 3-4 3 7"
              fill="none"
              stroke="#fff"
              strokeWidth="2.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>Auto-Flow</span>
        </Link>
        <div className="topbar-user">
          {user && (
            <span className="user" title={user.admin ? 'Instance admin' : undefined}>
              {user.username}
              {user.admin && <span className="tag">admin</span>}
            </span>
          )}
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
