import { createTokenStore, type TokenStore } from '../auth/token-store';
import { ApiError, CLIENT_ERROR_CODES, problemToError } from './problem';
import type { CaseListView } from '@ejustice/cases/contract/case-contract';
import type { AboutView } from '@ejustice/platform/contract/about-contract';
import type { SessionView as Session, UserProfile as User } from '@ejustice/identity/contract/identity-contract';

/** Why a session ended; the login page tells the person which one it was. */
export type SessionEndReason = 'logout' | 'expired';

export type SessionEvent =
  { type: 'signed-in'; user: User } | { type: 'refreshed'; user: User } | { type: 'ended'; reason: SessionEndReason };

export type SessionListener = (event: SessionEvent) => void;

export interface ApiClientOptions {
  tokens: TokenStore;
  /** Prefix for every path; empty in the browser because the API serves the UI on its own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send the bearer token and refresh it on 401. False for the auth endpoints themselves. */
  authenticated?: boolean;
  signal?: AbortSignal;
}

/**
 * The one way the UI talks to the API: attaches the bearer token, turns problem details into
 * ApiError, and on a 401 refreshes the access token once and retries once. If that does not help,
 * the session is over and listeners are told, so the app can go back to the login page.
 */
export class ApiClient {
  private readonly tokens: TokenStore;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly listeners = new Set<SessionListener>();
  /**
   * The refresh in flight, shared by everyone who needs one. Refresh tokens rotate and the old one
   * is spent on first use, so two parallel refreshes with the same token would make the second
   * fail (and a server with reuse detection would revoke the whole session).
   */
  private refreshInFlight: Promise<Session> | null = null;

  constructor(options: ApiClientOptions) {
    this.tokens = options.tokens;
    this.baseUrl = options.baseUrl ?? '';
    // Bound, because calling a detached window.fetch throws "Illegal invocation".
    const fetchImpl = options.fetch ?? globalThis.fetch;
    this.fetchImpl = (input, init) => fetchImpl(input, init);
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hasRefreshToken(): boolean {
    return this.tokens.getRefreshToken() !== null;
  }

  async login(email: string, password: string): Promise<User> {
    const session = await this.request<Session>('/api/auth/login', {
      method: 'POST',
      body: { email, password },
      authenticated: false,
    });
    this.tokens.setTokens(session);
    this.emit({ type: 'signed-in', user: session.user });
    return session.user;
  }

  /** Exchanges the stored refresh token for a new pair. Used on 401 and to restore a session on reload. */
  refresh(): Promise<Session> {
    this.refreshInFlight ??= this.performRefresh().finally(() => {
      this.refreshInFlight = null;
    });
    return this.refreshInFlight;
  }

  /**
   * Brings back the session of this tab after a reload: only the refresh token survived it.
   * Resolves null when there is no session to restore (or it has ended); rejects only when the
   * API cannot be reached, so the caller can offer to try again instead of signing the person out.
   */
  async restoreSession(): Promise<User | null> {
    if (!this.hasRefreshToken()) return null;
    try {
      return (await this.refreshOrEnd()).user;
    } catch (error) {
      if (error instanceof ApiError && error.code === CLIENT_ERROR_CODES.sessionExpired) return null;
      throw error;
    }
  }

  /**
   * Signs out here and on the server. The local session ends even when the server cannot be
   * reached: on a shared computer, "sign out" must never leave the next person signed in.
   */
  async logout(): Promise<void> {
    const refreshToken = this.tokens.getRefreshToken();
    this.tokens.clear();
    this.emit({ type: 'ended', reason: 'logout' });
    if (!refreshToken) return;
    try {
      await this.request<void>('/api/auth/logout', {
        method: 'POST',
        body: { refreshToken },
        authenticated: false,
      });
    } catch {
      // The refresh token expires on its own; the person is already signed out in this browser.
    }
  }

  me(signal?: AbortSignal): Promise<User> {
    return this.get<User>('/api/me', signal);
  }

  /** The licence and source address for the footer: asked without a token, as everyone may read it. */
  about(signal?: AbortSignal): Promise<AboutView> {
    return this.request<AboutView>('/api/about', { method: 'GET', signal, authenticated: false });
  }

  listCases(signal?: AbortSignal): Promise<CaseListView> {
    return this.get<CaseListView>('/api/cases', signal);
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { method: 'GET', signal });
  }

  /**
   * The bytes of a protected file (a filed document, a receipt, a recording's segment), read with
   * the session's token under the rules of `authorized`. A media element or a link cannot send
   * the token, so pages fetch the file and show it from an object URL.
   */
  getBlob(path: string, signal?: AbortSignal): Promise<Blob> {
    return this.authorized(async (accessToken) => {
      let response: Response;
      try {
        response = await fetch(path, { headers: { Authorization: `Bearer ${accessToken}` }, signal, credentials: 'omit' });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, cause: error });
      }
      if (!response.ok) {
        const text = await response.text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        throw problemToError(response.status, body);
      }
      return response.blob();
    });
  }

  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { method: 'POST', body, signal });
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const authenticated = options.authenticated ?? true;
    if (!authenticated) return this.send<T>(path, options, null);

    let accessToken = this.tokens.getAccessToken();
    if (accessToken === null) {
      // After a reload only the refresh token is left; get an access token before the first call.
      if (!this.hasRefreshToken()) throw this.sessionExpired();
      accessToken = (await this.refreshOrEnd()).accessToken;
    }
    try {
      return await this.send<T>(path, options, accessToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }

    // Another request may already have refreshed while this one was on the wire: use its token
    // rather than spending the new refresh token as well.
    const current = this.tokens.getAccessToken();
    const retryToken = current !== null && current !== accessToken ? current : (await this.refreshOrEnd()).accessToken;
    try {
      return await this.send<T>(path, options, retryToken);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.endSession();
      throw error;
    }
  }

  /**
   * Runs a call that cannot go through `request` (an upload that reports progress through
   * XMLHttpRequest, a download read as bytes) under the same session rules: the current access
   * token, on a 401 one refresh and one retry, and the session ended when that does not help.
   * `send` must throw an ApiError with status 401 when the API refuses the token.
   */
  async authorized<T>(send: (accessToken: string) => Promise<T>): Promise<T> {
    let accessToken = this.tokens.getAccessToken();
    if (accessToken === null) {
      if (!this.hasRefreshToken()) throw this.sessionExpired();
      accessToken = (await this.refreshOrEnd()).accessToken;
    }
    try {
      return await send(accessToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    const current = this.tokens.getAccessToken();
    const retryToken = current !== null && current !== accessToken ? current : (await this.refreshOrEnd()).accessToken;
    try {
      return await send(retryToken);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.endSession();
      throw error;
    }
  }

  private async refreshOrEnd(): Promise<Session> {
    try {
      return await this.refresh();
    } catch (error) {
      // A network failure says nothing about the session: keep it so the person can retry.
      if (error instanceof ApiError && error.code === CLIENT_ERROR_CODES.network) throw error;
      this.endSession();
      throw this.sessionExpired(error);
    }
  }

  private async performRefresh(): Promise<Session> {
    const refreshToken = this.tokens.getRefreshToken();
    if (!refreshToken) throw this.sessionExpired();
    const session = await this.send<Session>('/api/auth/refresh', { method: 'POST', body: { refreshToken } }, null);
    this.tokens.setTokens(session);
    this.emit({ type: 'refreshed', user: session.user });
    return session;
  }

  private endSession(): void {
    const hadSession = this.tokens.getRefreshToken() !== null || this.tokens.getAccessToken() !== null;
    this.tokens.clear();
    if (hadSession) this.emit({ type: 'ended', reason: 'expired' });
  }

  private sessionExpired(cause?: unknown): ApiError {
    return new ApiError({ status: 401, code: CLIENT_ERROR_CODES.sessionExpired, cause });
  }

  private async send<T>(path: string, options: RequestOptions, accessToken: string | null): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;

    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        // Tokens travel in headers only; cookies are neither needed nor wanted.
        credentials: 'omit',
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, cause: error });
    }

    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let body: unknown;
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) throw problemToError(response.status, body);
    if (body === undefined && text.length > 0) {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.unexpectedResponse });
    }
    return body as T;
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** The browser's client: same origin, tokens as described in token-store.ts. */
export const api = new ApiClient({ tokens: createTokenStore() });
