import { ManualClock } from '@ejustice/platform';
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  uniqueSuffix,
} from '@ejustice/testing';

describe('signing in (e2e)', () => {
  const clock = new ManualClock();
  let api: RunningApi;
  let judge: TestUser;

  beforeAll(async () => {
    api = await startApiServer({ clock, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '600' } });
    judge = await createUser({ roles: ['judge'] });
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  /** Each test signs in from its own address so the per-address rate limit stays out of the way. */
  function from(): Record<string, string> {
    return {
      'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    };
  }

  function withoutRequestId(body: Record<string, unknown>) {
    const { requestId: _ignored, ...rest } = body;
    return rest;
  }

  it('signs in with the right password and tells who you are', async () => {
    const res = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: judge.email, password: judge.password },
      headers: from(),
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: judge.id, email: judge.email, roles: ['judge'], courtId: judge.courtId });
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await http(api.baseUrl, 'GET', '/api/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.displayName).toBe(judge.displayName);
  });

  it("names the time zone of the user's court, in which the web states the court's times", async () => {
    const court = await createCourt({ timeZone: 'Africa/Cairo' });
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    const res = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: clerk.email, password: clerk.password },
      headers: from(),
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ courtId: court.id, courtName: court.name, courtTimeZone: 'Africa/Cairo' });
    const me = await http(api.baseUrl, 'GET', '/api/me', { token: res.body.accessToken });
    expect(me.body.courtTimeZone).toBe('Africa/Cairo');
  });

  it('answers a wrong password and an unknown user with the very same 401', async () => {
    const wrongPassword = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: judge.email, password: 'not the password' },
      headers: from(),
    });
    const unknownUser = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: `nobody-${uniqueSuffix()}@test.court`, password: judge.password },
      headers: from(),
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body.code).toBe('auth.invalid_credentials');
    expect(withoutRequestId(unknownUser.body)).toEqual(withoutRequestId(wrongPassword.body));
    expect(wrongPassword.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('locks an account after a run of failures, for known and unknown addresses alike, and the lock expires', async () => {
    const user = await createUser({ roles: ['clerk'] });
    const ghost = `ghost-${uniqueSuffix()}@test.court`;
    // The lock holds on the network the failures came from (login-lockout.e2e-spec.ts).
    const network = from();
    for (const email of [user.email, ghost]) {
      for (let i = 0; i < 3; i++) {
        const res = await http(api.baseUrl, 'POST', '/api/auth/login', { body: { email, password: 'wrong guess' }, headers: network });
        expect(res.status).toBe(401);
      }
    }
    const locked = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
      headers: network,
    });
    const lockedGhost = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: ghost, password: user.password },
      headers: network,
    });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('auth.account_locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(withoutRequestId(lockedGhost.body)).toEqual(withoutRequestId(locked.body));

    clock.advance(601_000);
    const afterLock = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
      headers: network,
    });
    expect(afterLock.status).toBe(200);
  });

  it('rotates refresh tokens, and a replayed refresh token ends the whole session', async () => {
    const first = await login(api.baseUrl, judge.email, judge.password, from()['x-forwarded-for']);
    const second = await http(api.baseUrl, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const replay = await http(api.baseUrl, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('auth.session_ended');
    // The thief's replay revoked the session: the legitimate holder's newer tokens die too.
    expect((await http(api.baseUrl, 'POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await http(api.baseUrl, 'GET', '/api/me', { token: second.body.accessToken })).status).toBe(401);
  });

  it('logout revokes at once: the access token and the refresh token stop working', async () => {
    const session = await login(api.baseUrl, judge.email, judge.password, from()['x-forwarded-for']);
    expect((await http(api.baseUrl, 'POST', '/api/auth/logout', { token: session.accessToken })).status).toBe(204);
    const me = await http(api.baseUrl, 'GET', '/api/me', { token: session.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('auth.session_ended');
    expect((await http(api.baseUrl, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });

  it('rejects unknown fields and lists every invalid field', async () => {
    const res = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: 'not-an-email', password: '', admin: true },
      headers: from(),
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['admin', 'email', 'password']);
  });

  it('refuses a forged or foreign token', async () => {
    const session = await login(api.baseUrl, judge.email, judge.password, from()['x-forwarded-for']);
    const [h, p] = session.accessToken.split('.');
    const forged = `${h}.${p}.${'A'.repeat(43)}`;
    expect((await http(api.baseUrl, 'GET', '/api/me', { token: forged })).status).toBe(401);
    expect((await http(api.baseUrl, 'GET', '/api/me', { token: session.refreshToken })).status).toBe(401);
  });
});
