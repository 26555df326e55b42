import { createTokenStore } from '../auth/token-store';
import { ApiClient, type SessionEvent } from './client';
import { ApiError } from './problem';
import type { SessionView as Session, UserProfile as User } from '@ejustice/identity/contract/identity-contract';

const user: User = {
  id: 'u-1',
  email: 'judge@court.test',
  displayName: 'Judge One',
  courtId: 'c-1',
  courtName: 'Court of Test',
  courtTimeZone: 'UTC',
  roles: ['judge'],
};

function session(n: number): Session {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, accessTokenExpiresAt: '2030-01-01T00:00:00Z', user };
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

function problem(status: number, code: string, detail?: string): Response {
  return json(status, { type: 'about:blank', title: 'Problem', status, code, detail }, 'application/problem+json');
}

/** In-memory Storage, standing in for sessionStorage. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

interface Call {
  path: string;
  method: string;
  authorization: string | null;
  body: unknown;
}

/**
 * A fake API: `handler` answers each call; calls are recorded. The server's idea of the valid
 * access token is `validAccess`, so tests can expire it.
 */
function setup(handler: (call: Call, server: { validAccess: string; refreshes: number }) => Response | Promise<Response>) {
  const storage = memoryStorage();
  const tokens = createTokenStore(() => storage);
  const calls: Call[] = [];
  const server = { validAccess: 'access-1', refreshes: 0 };
  const fetchImpl = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      path: String(input),
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return handler(call, server);
  });
  const sut = new ApiClient({ tokens, fetch: fetchImpl as unknown as typeof fetch });
  const events: SessionEvent[] = [];
  sut.subscribe((event) => events.push(event));
  return { sut, calls, events, storage, tokens, server };
}

/** Answers like the real API: login, refresh with rotation, logout, and a protected /api/cases. */
function realistic(call: Call, server: { validAccess: string; refreshes: number }): Response {
  switch (call.path) {
    case '/api/auth/login':
      return (call.body as { password: string }).password === 'right' ? json(200, session(1)) : problem(401, 'auth.invalid_credentials');
    case '/api/auth/refresh': {
      const presented = (call.body as { refreshToken: string }).refreshToken;
      if (presented !== `refresh-${server.refreshes + 1}`) return problem(401, 'auth.invalid_refresh_token');
      server.refreshes += 1;
      server.validAccess = `access-${server.refreshes + 1}`;
      return json(200, session(server.refreshes + 1));
    }
    case '/api/auth/logout':
      return new Response(null, { status: 204 });
    case '/api/cases':
      return call.authorization === `Bearer ${server.validAccess}`
        ? json(200, { items: [], total: 0 })
        : problem(401, 'auth.unauthenticated');
    default:
      return problem(404, 'not_found');
  }
}

describe('ApiClient', () => {
  it('signs in, keeps the refresh token in session storage only, and sends the bearer token', async () => {
    const { sut, calls, events, storage } = setup(realistic);

    await expect(sut.login('judge@court.test', 'right')).resolves.toEqual(user);
    await expect(sut.listCases()).resolves.toEqual({ items: [], total: 0 });

    expect(events).toEqual([{ type: 'signed-in', user }]);
    expect(storage.getItem('ejustice.refreshToken')).toBe('refresh-1');
    expect([...Array(storage.length).keys()].map((i) => storage.key(i))).toEqual(['ejustice.refreshToken']);
    expect(calls[1]).toMatchObject({ path: '/api/cases', authorization: 'Bearer access-1' });
    expect(calls[0].authorization).toBeNull();
  });

  it('turns a problem document into an ApiError with its code, and stays signed out', async () => {
    const { sut, events, storage } = setup(realistic);

    const failure = await sut.login('judge@court.test', 'wrong').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 401, code: 'auth.invalid_credentials' });
    expect(events).toEqual([]);
    expect(storage.getItem('ejustice.refreshToken')).toBeNull();
  });

  it('on a 401 refreshes once, retries once with the new token, and rotates the refresh token', async () => {
    const { sut, calls, events, storage, server } = setup(realistic);
    await sut.login('judge@court.test', 'right');
    // access-1 has expired on the server; only the token the refresh hands out is accepted.
    server.validAccess = 'access-2';

    await expect(sut.listCases()).resolves.toEqual({ items: [], total: 0 });

    expect(calls.map((call) => call.path)).toEqual(['/api/auth/login', '/api/cases', '/api/auth/refresh', '/api/cases']);
    expect(calls[3].authorization).toBe('Bearer access-2');
    expect(storage.getItem('ejustice.refreshToken')).toBe('refresh-2');
    expect(events.at(-1)).toEqual({ type: 'refreshed', user });
  });

  it('shares one refresh among parallel requests, because the refresh token can be spent only once', async () => {
    const { sut, calls, server } = setup(realistic);
    await sut.login('judge@court.test', 'right');
    server.validAccess = 'access-2';

    const results = await Promise.all([sut.listCases(), sut.listCases(), sut.listCases()]);

    expect(results).toHaveLength(3);
    expect(calls.filter((call) => call.path === '/api/auth/refresh')).toHaveLength(1);
    expect(server.refreshes).toBe(1);
  });

  it('ends the session when the refresh is refused, and reports it as session_expired', async () => {
    const { sut, events, storage, server } = setup((call, state) =>
      call.path === '/api/auth/refresh' ? problem(401, 'auth.invalid_refresh_token') : realistic(call, state),
    );
    await sut.login('judge@court.test', 'right');
    server.validAccess = 'nobody-has-this';

    await expect(sut.listCases()).rejects.toMatchObject({ code: 'session_expired', status: 401 });

    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'expired' });
    expect(storage.getItem('ejustice.refreshToken')).toBeNull();
    expect(sut.hasRefreshToken()).toBe(false);
  });

  it('ends the session when the retried request is refused again, without a second refresh', async () => {
    const { sut, calls, events } = setup((call, state) =>
      call.path === '/api/cases' ? problem(401, 'auth.unauthenticated') : realistic(call, state),
    );
    await sut.login('judge@court.test', 'right');

    await expect(sut.listCases()).rejects.toMatchObject({ status: 401 });

    expect(calls.filter((call) => call.path === '/api/auth/refresh')).toHaveLength(1);
    expect(calls.filter((call) => call.path === '/api/cases')).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'expired' });
  });

  it('keeps the session when the API cannot be reached, so the person can try again', async () => {
    let online = true;
    const { sut, events } = setup((call, state) => {
      if (!online) throw new TypeError('fetch failed');
      return realistic(call, state);
    });
    await sut.login('judge@court.test', 'right');
    online = false;

    await expect(sut.listCases()).rejects.toMatchObject({ code: 'network_error', status: 0 });

    expect(sut.hasRefreshToken()).toBe(true);
    expect(events).toEqual([{ type: 'signed-in', user }]);
  });

  it('restores the session of a reloaded tab from the refresh token alone', async () => {
    const { sut, storage, events } = setup(realistic);
    storage.setItem('ejustice.refreshToken', 'refresh-1');

    await expect(sut.restoreSession()).resolves.toEqual(user);
    await expect(sut.listCases()).resolves.toEqual({ items: [], total: 0 });
    expect(events).toEqual([{ type: 'refreshed', user }]);
  });

  it('restores nothing when there is no refresh token, without calling the API', async () => {
    const { sut, calls } = setup(realistic);

    await expect(sut.restoreSession()).resolves.toBeNull();
    await expect(sut.listCases()).rejects.toMatchObject({ code: 'session_expired' });
    expect(calls).toEqual([]);
  });

  it('signs out locally even when the server cannot be told', async () => {
    const { sut, calls, events, storage } = setup((call, state) =>
      call.path === '/api/auth/logout' ? problem(503, 'unavailable') : realistic(call, state),
    );
    await sut.login('judge@court.test', 'right');

    await expect(sut.logout()).resolves.toBeUndefined();

    expect(calls.at(-1)).toMatchObject({ path: '/api/auth/logout', body: { refreshToken: 'refresh-1' } });
    expect(storage.getItem('ejustice.refreshToken')).toBeNull();
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'logout' });
  });

  it('reads the about without a session: the source code link is for everyone, signed in or not', async () => {
    const about = { license: 'AGPL-3.0-or-later', sourceCodeUrl: 'https://git.court.example/ejustice' };
    const { sut, calls, events } = setup((call) => (call.path === '/api/about' ? json(200, about) : problem(404, 'not_found')));

    await expect(sut.about()).resolves.toEqual(about);

    expect(calls).toEqual([{ path: '/api/about', method: 'GET', authorization: null, body: undefined }]);
    expect(events).toEqual([]);
  });

  it('reports a body that is not a problem document as unexpected_response', async () => {
    const { sut } = setup(() => new Response('<html>Bad gateway</html>', { status: 502 }));

    await expect(sut.login('a@b.test', 'x')).rejects.toMatchObject({ status: 502, code: 'unexpected_response' });
  });

  it('keeps the field errors of a validation problem', async () => {
    const { sut } = setup(() =>
      json(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'email', message: 'email must be an email' }, { nonsense: true }],
      }),
    );

    await expect(sut.login('not-an-email', 'x')).rejects.toMatchObject({
      code: 'validation_failed',
      fieldErrors: [{ field: 'email', message: 'email must be an email' }],
    });
  });
});
