import { Pool } from 'pg';
import { DatabaseClient, isDatabaseUnavailable } from '@ejustice/platform';
import { TEST_DATABASE_APP_URL } from '@ejustice/testing';
import { freePort } from '@ejustice/testing/free-port';

/** What a pool of DatabaseClients fails its checkout with (as TypeORM's postgres driver checks one out). */
async function checkoutError(url: string): Promise<unknown> {
  const pool = new Pool({ connectionString: url, Client: DatabaseClient, connectionTimeoutMillis: 5_000 });
  try {
    const client = await pool.connect();
    client.release();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await pool.end();
  }
}

describe('DatabaseClient: which failures to connect are the database being away (integration)', () => {
  it('marks a refused connection, so that its request is answered as the database being unavailable', async () => {
    const url = new URL(TEST_DATABASE_APP_URL);
    url.hostname = '127.0.0.1';
    url.port = String(await freePort());
    const error = await checkoutError(url.toString());
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('does not mark the same socket error raised elsewhere (the document store), nor a server that answers and refuses', async () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), { code: 'ECONNREFUSED' }))).toBe(false);

    const url = new URL(TEST_DATABASE_APP_URL);
    url.pathname = '/no_such_database_for_ejustice';
    const error = await checkoutError(url.toString());
    // 3D000 invalid_catalog_name: a configuration fault for the operators, not an outage to wait out.
    expect((error as { code?: string }).code).toBe('3D000');
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('connects as pg’s own client does when the server is there', async () => {
    expect(await checkoutError(TEST_DATABASE_APP_URL)).toBeUndefined();
  });
});
