import { createHash } from 'node:crypto';
import { ManualClock } from '@ejustice/platform';
import { type RunningApi, type TestUser, closeTestDb, createUser, http, startApiServer, testDb, uniqueSuffix } from '@ejustice/testing';

// In a file of its own: passport keeps its strategies in a process-wide registry, so two api
// instances in one test file would share (and close) each other's strategies.
describe('sign-in lock-out per account and client network (e2e)', () => {
  const clock = new ManualClock();
  let api: RunningApi;
  let judge: TestUser;

  beforeAll(async () => {
    api = await startApiServer({
      clock,
      env: { LOGIN_MAX_FAILURES: '2', LOGIN_LOCK_SECONDS: '600', LOGIN_RATE_LIMIT_PER_MINUTE: '4' },
    });
  });

  beforeEach(async () => {
    judge = await createUser({ roles: ['judge'] });
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  const byte = () => Math.floor(Math.random() * 250) + 1;
  const group = () => Math.floor(Math.random() * 0xfff0 + 1).toString(16);
  /** A fresh IPv4 address; the test app trusts one proxy hop, so X-Forwarded-For is the client. */
  const ipv4 = () => `10.${byte()}.${byte()}.${byte()}`;
  /** A fresh /64, as the first four groups of its addresses. */
  const ipv6Prefix = () => `2001:db8:${group()}:${group()}`;

  function signIn(address: string, password: string, email = judge.email) {
    return http(api.baseUrl, 'POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': address } });
  }

  async function fail(address: string, email = judge.email): Promise<void> {
    expect((await signIn(address, 'a wrong guess', email)).status).toBe(401);
  }

  it('locks the account on the network the failures came from, and not on another', async () => {
    const attacker = ipv4();
    await fail(attacker);
    await fail(attacker);

    const fromAttacker = await signIn(attacker, judge.password);
    expect(fromAttacker.status).toBe(423);
    expect(fromAttacker.body.code).toBe('auth.account_locked');
    expect(Number(fromAttacker.headers.get('retry-after'))).toBeGreaterThan(500);

    // The judge on her own network is not kept out by someone else's guesses.
    const fromJudge = await signIn(ipv4(), judge.password);
    expect(fromJudge.status).toBe(200);
    expect(fromJudge.body.user).toMatchObject({ id: judge.id });
    // Her success does not lift the lock on the attacker's network.
    expect((await signIn(attacker, judge.password)).status).toBe(423);
    const { rows } = await testDb().query(
      `SELECT data FROM audit_events WHERE action = 'auth.account_locked' AND subject_type = 'user' AND subject_id = $1`,
      [judge.id],
    );
    expect(rows).toEqual([{ data: { failures: 2, lockSeconds: 600, clientNetwork: attacker } }]);
  });

  it('counts IPv6 addresses of one /64 as one network, and another /64 as another', async () => {
    const prefix = ipv6Prefix();
    await fail(`${prefix}::1`);
    await fail(`${prefix}:ffff:ffff:ffff:fffe`);

    expect((await signIn(`${prefix}::99`, judge.password)).status).toBe(423);
    expect((await signIn(`${ipv6Prefix()}::1`, judge.password)).status).toBe(200);
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address it carries', async () => {
    const address = ipv4();
    await fail(`::ffff:${address}`);
    await fail(address);
    expect((await signIn(address, judge.password)).status).toBe(423);
    expect((await signIn(`::ffff:${address}`, judge.password)).status).toBe(423);
  });

  it('locks an unknown address the same way on the network it was tried from', async () => {
    const ghost = `ghost-${uniqueSuffix()}@test.court`;
    const attacker = ipv4();
    await fail(attacker, ghost);
    await fail(attacker, ghost);
    const locked = await signIn(attacker, 'anything', ghost);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('auth.account_locked');
    expect((await signIn(ipv4(), 'anything', ghost)).status).toBe(401);
  });

  it('limits the rate of attempts per IPv6 /64, not per address', async () => {
    const prefix = ipv6Prefix();
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push((await signIn(`${prefix}::${i}`, judge.password)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect((await signIn(`${ipv6Prefix()}::1`, judge.password)).status).toBe(200);
  });

  it('lifts the lock when it expires, and counts failures far apart as no run', async () => {
    // Attempts per network stay within the rate limit, whose window runs on Redis's clock.
    const ghost = `ghost-${uniqueSuffix()}@test.court`;
    const [judgeNetwork, ghostNetwork] = [ipv4(), ipv4()];
    await fail(judgeNetwork);
    await fail(judgeNetwork);
    await fail(ghostNetwork, ghost);
    const key = createHash('sha256').update(ghost).digest('hex');
    const { rows } = await testDb().query('SELECT client_network, failures FROM login_throttles WHERE email_key = $1', [key]);
    expect(rows).toEqual([{ client_network: ghostNetwork, failures: 1 }]);

    clock.advance(601_000);
    expect((await signIn(judgeNetwork, judge.password)).status).toBe(200);
    // A failure long after the last one starts a new run: one more is allowed before the lock.
    await fail(ghostNetwork, ghost);
    expect((await signIn(ghostNetwork, 'anything', ghost)).status).toBe(401);
    expect((await signIn(ghostNetwork, 'anything', ghost)).status).toBe(423);
  });
});
