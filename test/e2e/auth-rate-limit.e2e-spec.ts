import { type RunningApi, closeTestDb, createUser, http, startApiServer } from '@ejustice/testing';

// In a file of its own: passport keeps its strategies in a process-wide registry, so two api
// instances in one test file would share (and close) each other's strategies.
describe('sign-in rate limit (e2e)', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApiServer({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('limits the rate of attempts from one address, with a Retry-After', async () => {
    const judge = await createUser({ roles: ['judge'] });
    const address = { 'x-forwarded-for': `10.200.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    const attempts = [];
    for (let i = 0; i < 5; i++) {
      attempts.push(
        await http(api.baseUrl, 'POST', '/api/auth/login', { body: { email: judge.email, password: judge.password }, headers: address }),
      );
    }
    expect(attempts.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expect(attempts[3].body.code).toBe('rate_limited');
    const retryAfter = Number(attempts[3].headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not affected.
    const other = await http(api.baseUrl, 'POST', '/api/auth/login', {
      body: { email: judge.email, password: judge.password },
      headers: { 'x-forwarded-for': `10.201.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    });
    expect(other.status).toBe(200);
  });
});
