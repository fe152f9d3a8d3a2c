import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { Role, Session, UserInfo } from '../api/client';
import { api, loadSession, onSessionChange, saveSession } from '../api/client';

interface AuthState {
  user: UserInfo | null;
  login: (email: string, password: string) => Promise<UserInfo>;
  register: (body: unknown) => Promise<UserInfo>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  useEffect(() => onSessionChange(setSession), []);
  // A stored session may be stale (role changed, account removed): confirm it once at start.
  useEffect(() => {
    if (!loadSession()) return;
    api
      .get<UserInfo>('/auth/me')
      .then((user) => {
        const s = loadSession();
        if (s) saveSession({ ...s, user });
      })
      .catch(() => undefined);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      user: session?.user ?? null,
      login: async (email, password) => {
        const s = await api.post<Session>('/auth/login', { email, password });
        saveSession({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: s.user });
        return s.user;
      },
      register: async (body) => {
        const s = await api.post<Session>('/auth/register', body);
        saveSession({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: s.user });
        return s.user;
      },
      logout: async () => {
        const s = loadSession();
        if (s) await api.post('/auth/logout', { refreshToken: s.refreshToken }).catch(() => undefined);
        saveSession(null);
      },
      hasRole: (...roles) => !!session && (session.user.role === 'admin' || roles.includes(session.user.role)),
    }),
    [session],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('AuthProvider missing');
  return ctx;
}

export function homeFor(role: Role | undefined): string {
  switch (role) {
    case 'owner':
      return '/owner/scenarios';
    case 'supplier':
      return '/supplier/suggestions';
    case 'organizer':
    case 'admin':
      return '/console';
    case 'expert':
      return '/expert/reviews';
    default:
      return '/';
  }
}
