import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api as defaultApi, type ApiClient } from '../api/client';
import { AuthContext, type AuthContextValue, type AuthState } from './auth-context';

interface AuthProviderProps {
  children: ReactNode;
  api?: ApiClient;
}

export function AuthProvider({ children, api = defaultApi }: AuthProviderProps) {
  const [state, setState] = useState<AuthState>(() => (api.hasRefreshToken() ? { status: 'restoring' } : { status: 'signed-out' }));
  const [restoreAttempt, setRestoreAttempt] = useState(0);

  // The client is the source of truth for the session; this component mirrors it for React.
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'ended') setState({ status: 'signed-out', reason: event.reason });
        else setState({ status: 'signed-in', user: event.user });
      }),
    [api],
  );

  useEffect(() => {
    if (!api.hasRefreshToken()) return;
    let current = true;
    setState({ status: 'restoring' });
    api.restoreSession().then(
      (user) => {
        if (current) setState(user ? { status: 'signed-in', user } : { status: 'signed-out' });
      },
      () => {
        if (current) setState({ status: 'unreachable' });
      },
    );
    return () => {
      current = false;
    };
  }, [api, restoreAttempt]);

  const login = useCallback(
    async (email: string, password: string) => {
      await api.login(email, password);
    },
    [api],
  );

  const logout = useCallback(() => api.logout(), [api]);

  const retryRestore = useCallback(() => setRestoreAttempt((attempt) => attempt + 1), []);

  const value = useMemo<AuthContextValue>(() => ({ state, login, logout, retryRestore }), [state, login, logout, retryRestore]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
