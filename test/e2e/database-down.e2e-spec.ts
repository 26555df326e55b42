import { type Server, type Socket, connect, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { type RunningApi, TEST_DATABASE_APP_URL, http, startApiServer } from '@ejustice/testing';
import { waitFor } from '@ejustice/testing/wait-for';

/*
 * The database server goes away (stopped, restarted, its host unreachable): the api's new
 * connections are refused. A request is then answered 503 database_unavailable with Retry-After,
 * like a pool with no free connection, not 500 "something went wrong" with a stack in the log;
 * and once the server is back the same request is served as usual. The api reaches PostgreSQL
 * here through a TCP relay the test closes and opens again, since the real server is shared.
 */
describe('the api while its database server refuses connections (e2e)', () => {
  let relay: Server;
  let relayPort: number;
  const sockets = new Set<Socket>();
  let api: RunningApi;
  const target = new URL(TEST_DATABASE_APP_URL);

  const openRelay = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      relay = createServer((client) => {
        const server = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, server]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(server).pipe(client);
      });
      relay.once('error', reject);
      relay.listen(port, '127.0.0.1', () => {
        relayPort = (relay.address() as { port: number }).port;
        resolve();
      });
    });

  const closeRelay = (): Promise<void> =>
    new Promise((resolve) => {
      relay.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  beforeAll(async () => {
    await openRelay(0);
    const through = new URL(TEST_DATABASE_APP_URL);
    through.hostname = '127.0.0.1';
    through.port = String(relayPort);
    api = await startApiServer({ env: { DATABASE_APP_URL: through.toString() } });
  });

  afterAll(async () => {
    if (!relay.listening) await openRelay(relayPort);
    await api?.close();
    await closeRelay();
  });

  const signIn = () =>
    http(api.baseUrl, 'POST', '/api/auth/login', { body: { email: 'nobody@court.example', password: 'not the password' } });

  it('answers 503 database_unavailable with Retry-After while refused, then serves the request once the server is back', async () => {
    expect((await signIn()).status).toBe(401);

    await closeRelay();
    // The pool has dropped the connections the server closed: the next request must open a new one.
    const pool = (api.app.get(DataSource).driver as unknown as { master: { totalCount: number } }).master;
    await waitFor('the pool to drop its closed connections', async () => (pool.totalCount === 0 ? true : undefined), 10_000);

    const down = await signIn();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 503, code: 'database_unavailable', title: 'Service unavailable' });
    expect(down.body.detail).toMatch(/try again/i);
    expect(down.headers.get('retry-after')).toBe('5');

    await openRelay(relayPort);
    const back = await signIn();
    expect(back.status).toBe(401);
    expect(back.body.code).toBe('auth.invalid_credentials');
  });
});
