import { createContext, useContext } from 'react';
import type { SessionEndReason } from '../api/client';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';

export type AuthState =
  /** Page just loaded; the refresh token of this tab (if any) is being exchanged. */
  | { status: 'restoring' }
  /** The API could not be reached while restoring; the person may try again. */
  | { status: 'unreachable' }
  | { status: 'signed-out'; reason?: SessionEndReason }
  | { status: 'signed-in'; user: User };

export interface AuthContextValue {
  state: AuthState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  retryRestore(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user, for components that only render behind <RequireAuth>. */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useUser() must be used behind <RequireAuth>');
  return state.user;
}
