import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { session } from '../api/berth';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { User } from '../api/types';

/** Who is logged in: learnt from GET /api/v2.0/users/current, which also hands back the CSRF token. */
interface Auth {
  status: 'loading' | 'anonymous' | 'authenticated';
  user: User | null;
  /** The session ended by itself (idle timeout, logged out elsewhere). */
  expired: boolean;
  login(principal: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Auth['status']>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [expired, setExpired] = useState(false);

  const anonymous = useCallback(() => {
    api.setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    api.onUnauthorized(() => {
      setExpired(true);
      anonymous();
    });
    session
      .current()
      .then((u) => {
        setUser(u);
        setStatus('authenticated');
      })
      .catch(() => anonymous());
    return () => api.onUnauthorized(null);
  }, [anonymous]);

  const value = useMemo<Auth>(
    () => ({
      status,
      user,
      expired,
      async login(principal, password) {
        await session.login(principal, password);
        const u = await session.current();
        setExpired(false);
        setUser(u);
        setStatus('authenticated');
      },
      async logout() {
        try {
          await session.logout();
        } catch (e) {
          if (!(e instanceof ApiError)) {
            throw e;
          }
        }
        setExpired(false);
        anonymous();
      },
    }),
    [status, user, expired, anonymous],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) {
    throw new Error('useAuth outside AuthProvider');
  }
  return auth;
}
