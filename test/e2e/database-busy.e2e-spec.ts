import { DataSource, type QueryRunner } from 'typeorm';
import { type HttpResult, type RunningApi, http, startApiServer } from '@ejustice/testing';
import { settlesWithin } from '@ejustice/testing/wait-for';

/*
 * Every connection of the api's pool is taken (here the pool's only one, held by the test) and
 * none frees in time: the request must not hang until the person gives up. It is answered, once
 * the api's wait for a connection runs out, with a 503 that says what happened and when to try
 * again; and once a connection is free the same request is served as usual.
 */
describe('the api when no database connection frees in time (e2e)', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApiServer({ env: { DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '1000' } });
  });

  afterAll(async () => {
    await api.close();
  });

  /** The answer to a sign-in by an unknown address (it reads the users table), or a failure after 10 s. */
  const signIn = (): Promise<HttpResult> =>
    settlesWithin(
      http(api.baseUrl, 'POST', '/api/auth/login', { body: { email: 'nobody@court.example', password: 'not the password' } }),
      10_000,
      'an answer to the sign-in (waiting for a connection with no end)',
    );

  it('answers 503 database_unavailable with Retry-After, then serves the request once a connection is free', async () => {
    const held: QueryRunner = api.app.get(DataSource).createQueryRunner();
    await held.connect();
    let busy: HttpResult;
    const started = performance.now();
    try {
      busy = await signIn();
    } finally {
      await held.release();
    }
    const waited = performance.now() - started;

    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ status: 503, code: 'database_unavailable', title: 'Service unavailable' });
    expect(busy.body.detail).toMatch(/try again/i);
    expect(busy.headers.get('retry-after')).toBe('5');
    // The configured wait (1 s), not the 10 s guard.
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(5_000);

    const served = await signIn();
    expect(served.status).toBe(401);
    expect(served.body.code).toBe('auth.invalid_credentials');
  });
});
