import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { ApiError, api, setUnauthenticatedHandler } from '../api/client';
import type { Session } from '../api/types';

const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    return await api<Session>('/session', { quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export interface SessionApi {
  session: Session | null;
  loading: boolean;
  error: unknown;
  login: (username: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  switchCompany: (companyId: string) => Promise<Session>;
  /** True when the user holds the permission, e.g. can('products:view'); a list needs all of them. */
  can: (permission: string | readonly string[] | undefined) => boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: false });

  useEffect(() => {
    // Any 401 from any request means the cookie is gone or expired.
    setUnauthenticatedHandler(() => {
      qc.setQueryData(SESSION_KEY, null);
    });
    return () => setUnauthenticatedHandler(null);
  }, [qc]);

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await api<Session>('/session', { method: 'POST', json: { username, password }, quiet401: true });
      // Drop whatever a previous user had cached before showing the new session.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      qc.setQueryData(SESSION_KEY, s);
      return s;
    },
    [qc],
  );

  const logout = useCallback(async () => {
    try {
      await api('/session', { method: 'DELETE', quiet401: true });
    } finally {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      qc.setQueryData(SESSION_KEY, null);
    }
  }, [qc]);

  const switchCompany = useCallback(
    async (companyId: string) => {
      const s = await api<Session>('/session/company', { method: 'PUT', json: { companyId } });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      if (s && typeof s === 'object' && 'user' in s) {
        qc.setQueryData(SESSION_KEY, s);
        return s;
      }
      // The server may answer with something other than the session: re-read it.
      const fresh = await fetchSession();
      qc.setQueryData(SESSION_KEY, fresh);
      if (!fresh) throw new ApiError(401, { code: 'UNAUTHENTICATED' });
      return fresh;
    },
    [qc],
  );

  const session = query.data ?? null;
  const perms = useMemo(() => new Set(session?.permissions ?? []), [session]);
  const can = useCallback(
    (p: string | readonly string[] | undefined): boolean => {
      if (!p) return true;
      const holds = (one: string) => {
        if (perms.has(one) || perms.has('*') || perms.has('*:*')) return true;
        const [res] = one.split(':');
        return perms.has(`${res}:*`);
      };
      return typeof p === 'string' ? holds(p) : p.every(holds);
    },
    [perms],
  );

  const value = useMemo<SessionApi>(
    () => ({ session, loading: query.isPending, error: query.error, login, logout, switchCompany, can }),
    [session, query.isPending, query.error, login, logout, switchCompany, can],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** For pages behind the login gate, where the session is known to exist. */
export function useCurrentSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session;
}
