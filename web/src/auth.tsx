// Who is signed in: GET /session through the query cache (session: null means anonymous), plus login, register and
// logout. The CSRF token from each session response is handed to the api client.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { api, setCsrfToken } from './api/client.js';
import type { Role, Session } from './api/types.js';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Session | null> {
  // GET /session answers 200 for a visitor too (session: null), so a logged-out page load logs no error.
  const { session } = await api.get<{ session: Session | null }>('/session');
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

export interface LoginInput {
  email: string;
  password: string;
}

interface AuthValue {
  session: Session | null;
  role: Role | null;
  loading: boolean;
  login: (input: LoginInput) => Promise<Session>;
  register: (input: unknown) => Promise<Session>;
  logout: () => Promise<void>;
  refresh: () => Promise<unknown>;
  /** Joins through an invitation link (a researcher, 成果完成人) and signs in. */
  acceptInvitation: (input: { token: string; password: string; displayName?: string }) => Promise<Session>;
  /** The header's switch between the organisations the user belongs to. */
  switchOrganisation: (organisationId: string) => Promise<Session>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });

  const onSession = (session: Session) => {
    setCsrfToken(session.csrfToken);
    // A different user may now be signed in: drop everything cached for the previous one.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    queryClient.setQueryData(ME_KEY, session);
  };

  const loginMutation = useMutation({
    mutationFn: (input: LoginInput) => api.post<Session>('/auth/login', input),
    onSuccess: onSession,
  });
  const registerMutation = useMutation({
    mutationFn: (input: unknown) => api.post<Session>('/auth/register', input),
    onSuccess: onSession,
  });
  const acceptMutation = useMutation({
    mutationFn: (input: { token: string; password: string; displayName?: string }) =>
      api.post<Session>('/invitations/accept', input),
    onSuccess: onSession,
  });
  // Acting for another organisation: what was cached for the previous one no longer applies.
  const switchMutation = useMutation({
    mutationFn: (organisationId: string) => api.post<Session>('/me/organisation', { organisationId }),
    onSuccess: onSession,
  });
  const logoutMutation = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      queryClient.setQueryData(ME_KEY, null);
    },
  });

  const value = useMemo<AuthValue>(
    () => ({
      session: me.data ?? null,
      role: me.data?.role ?? null,
      loading: me.isPending,
      login: loginMutation.mutateAsync,
      register: registerMutation.mutateAsync,
      logout: () => logoutMutation.mutateAsync(),
      refresh: () => me.refetch(),
      acceptInvitation: acceptMutation.mutateAsync,
      switchOrganisation: switchMutation.mutateAsync,
    }),
    [
      me,
      loginMutation.mutateAsync,
      registerMutation.mutateAsync,
      logoutMutation.mutateAsync,
      acceptMutation.mutateAsync,
      switchMutation.mutateAsync,
    ],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
