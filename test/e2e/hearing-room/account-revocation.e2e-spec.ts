// An account disabled or demoted by the court's administrator while its holder sits in a live
// hearing: the media node carrying the hearing ends that connection within a second, and refuses
// it at the next handshake. Real api, media node, PostgreSQL and Redis.
import { closeTestDb, createUser, http, login, uniqueSuffix, type RunningApi, startApiServer } from '@ejustice/testing';
import { HandshakeRefused, HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, createHearingRoomFixture, enter, joinTicket } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';

jest.setTimeout(60_000);

describe('accounts disabled or demoted during a live hearing (e2e)', () => {
  const pool = `e2e-account-revocation-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  const clients: HearingClient[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_RECONNECT_GRACE_SECONDS: '30' } });
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  async function enterAs(bearer: string, f: HearingRoomFixture) {
    const entered = await enter(api.baseUrl, bearer, f.hearingId);
    clients.push(entered.client);
    return entered;
  }

  async function adminOf(f: HearingRoomFixture): Promise<string> {
    const admin = await createUser({ roles: ['admin'], courtId: f.judge.courtId });
    return (await login(api.baseUrl, admin.email, admin.password)).accessToken;
  }

  /** The counsel's connection is still served: a request round trip after the judge's end. */
  async function stillServed(client: HearingClient): Promise<void> {
    await expect(client.call('getRouterRtpCapabilities')).resolves.toHaveProperty('routerRtpCapabilities');
    expect(client.received('sessionEnded')).toEqual([]);
    expect(client.connected).toBe(true);
  }

  it("ends, within a second, the live connection of a judge whose account is disabled, and no one else's", async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const adminToken = await adminOf(f);
    const judge = await enterAs(f.judge.token, f);
    await judge.client.call('openHearing');
    const counsel = await enterAs(f.counsel.token, f);

    const started = Date.now();
    const res = await http(api.baseUrl, 'POST', `/api/admin/users/${f.judge.id}/disable`, { token: adminToken });
    expect(res.status).toBe(200);
    const ended = await judge.client.waitFor('sessionEnded', () => true, 5_000);
    expect(ended).toMatchObject({ reason: 'token_revoked', code: 'auth.account_disabled' });
    expect(ended.message).toMatch(/disabled/);
    expect(Date.now() - started).toBeLessThan(1_000);
    await judge.client.disconnected;
    await stillServed(counsel.client);
  });

  it('ends the connection of a judge whose judge role is withdrawn, and refuses their next handshake; counsel stays', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const adminToken = await adminOf(f);
    const judge = await enterAs(f.judge.token, f);
    await judge.client.call('openHearing');
    const counsel = await enterAs(f.counsel.token, f);
    // A ticket the judge fetched while still a judge (another tab, a reconnection under way).
    const earlier = await joinTicket(api.baseUrl, f.judge.token, f.hearingId);

    const started = Date.now();
    const res = await http(api.baseUrl, 'PUT', `/api/admin/users/${f.judge.id}/roles`, {
      token: adminToken,
      body: { roles: ['observer'] },
    });
    expect(res.status).toBe(200);
    const ended = await judge.client.waitFor('sessionEnded', () => true, 5_000);
    expect(ended).toMatchObject({ reason: 'token_revoked', code: 'auth.role_withdrawn' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await judge.client.disconnected;

    // The api issues no new ticket for the seat...
    const again = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: f.judge.token });
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ code: 'auth.role_withdrawn' });
    // ...and the media node refuses one issued before, still unexpired.
    const refusal = await HearingClient.connect(earlier.mediaUrl, { ticket: earlier.ticket, hearingId: f.hearingId }).then(
      (c) => {
        clients.push(c);
        throw new Error('the handshake was accepted');
      },
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(HandshakeRefused);
    expect((refusal as HandshakeRefused).refusal.code).toBe('auth.role_withdrawn');

    // Counsel whose counsel role goes keeps their seat: only the bench's powers come from an account role.
    const lawyer = await http(api.baseUrl, 'PUT', `/api/admin/users/${f.counsel.id}/roles`, {
      token: adminToken,
      body: { roles: ['party'] },
    });
    expect(lawyer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stillServed(counsel.client);
  });

  it('ends the connection of counsel whose account is disabled', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const adminToken = await adminOf(f);
    const judge = await enterAs(f.judge.token, f);
    await judge.client.call('openHearing');
    const counsel = await enterAs(f.counsel.token, f);

    const started = Date.now();
    expect((await http(api.baseUrl, 'POST', `/api/admin/users/${f.counsel.id}/disable`, { token: adminToken })).status).toBe(200);
    await expect(counsel.client.waitFor('sessionEnded', () => true, 5_000)).resolves.toMatchObject({ code: 'auth.account_disabled' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await judge.client.waitFor(
      'participantsChanged',
      (c) =>
        c.changed.some((p) => p.id === f.counsel.participantId && p.state === 'disconnected') ||
        c.disappeared.includes(f.counsel.participantId),
    );
    await stillServed(judge.client);
  });
});
