import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, setCsrfToken } from './api/client';
import type { PublicUser, SessionInfo } from './api/types';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionInfo> {
  const session = await get<SessionInfo>('/auth/session');
  setCsrfToken(session.csrfToken);
  return session;
}

/** Who is signed in (null when nobody), and whether the first admin exists. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** Records a new session after sign-in, first admin or invite acceptance. */
export function useSignedIn() {
  const client = useQueryClient();
  return (result: { user: PublicUser; csrfToken: string }) => {
    setCsrfToken(result.csrfToken);
    client.clear();
    client.setQueryData<SessionInfo>(SESSION_KEY, { initialised: true, ...result });
  };
}
