/**
 * Where the tokens live.
 *
 * The access token stays in memory only: it is short-lived and the page can always get a new one.
 * The refresh token goes to sessionStorage so that a reload of the same tab keeps the person signed
 * in, while closing the tab or the browser ends the session. Court computers are shared (a
 * courtroom PC, a registry counter), so nothing that signs someone in may survive the browser
 * session, which rules out localStorage and persistent cookies.
 */
export interface TokenStore {
  getAccessToken(): string | null;
  getRefreshToken(): string | null;
  setTokens(tokens: { accessToken: string; refreshToken: string }): void;
  clear(): void;
}

const REFRESH_TOKEN_KEY = 'ejustice.refreshToken';

/** Storage may be missing (tests, locked-down browsers) or throw on access (some privacy modes). */
function safeStorage(resolve: () => Storage | undefined): Storage | undefined {
  try {
    return resolve();
  } catch {
    return undefined;
  }
}

export function createTokenStore(
  resolveStorage: () => Storage | undefined = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage),
): TokenStore {
  let accessToken: string | null = null;
  // Kept in memory too, so the session still works for this page when storage is unavailable.
  let refreshTokenFallback: string | null = null;

  return {
    getAccessToken: () => accessToken,
    getRefreshToken() {
      const storage = safeStorage(resolveStorage);
      if (!storage) return refreshTokenFallback;
      try {
        return storage.getItem(REFRESH_TOKEN_KEY) ?? refreshTokenFallback;
      } catch {
        return refreshTokenFallback;
      }
    },
    setTokens(tokens) {
      accessToken = tokens.accessToken;
      refreshTokenFallback = tokens.refreshToken;
      try {
        safeStorage(resolveStorage)?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
      } catch {
        // Quota or privacy mode: the in-memory copy keeps this page signed in until it is closed.
      }
    },
    clear() {
      accessToken = null;
      refreshTokenFallback = null;
      try {
        safeStorage(resolveStorage)?.removeItem(REFRESH_TOKEN_KEY);
      } catch {
        // Nothing stored, nothing to remove.
      }
    },
  };
}
