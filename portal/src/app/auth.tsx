import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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
  const authenticated = useRef(false);

  const anonymous = useCallback(() => {
    authenticated.current = false;
    api.setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    api.onUnauthorized(() => {
      // a 401 while logged in: the session ended (not the first probe of a visitor without one)
      if (authenticated.current) {
        setExpired(true);
        anonymous();
      }
    });
    session
      .current()
      .then((u) => {
        authenticated.current = true;
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
        authenticated.current = true;
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
