// An account disabled or demoted by the court's administrator while its holder sits in a live
// hearing: the media node carrying the hearing ends that connection at once, on the api's access
// notice over Redis, and refuses it at the next handshake. Real api, media node, PostgreSQL and Redis.
//
// "At once" is checked by its mechanism, not by a stopwatch that a loaded machine breaks: nothing
// but the access notice ends a live connection (without it the connection lasts until its holder
// reconnects), so the notice heard on Redis and the session ended with the account's code, both
// within a bound no notice path comes near, show the push path.
import { closeTestDb, createUser, http, login, uniqueSuffix, type RunningApi, startApiServer } from '@ejustice/testing';
import { HandshakeRefused, HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, createHearingRoomFixture, enter, joinTicket } from '@ejustice/testing/media/hearing-room';
import { HearingNotices } from '@ejustice/testing/media/hearing-notices';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';

jest.setTimeout(60_000);

/** Only keeps a connection that is never ended from hanging the test: the notice path takes milliseconds. */
const ENDED_WITHIN_MS = 15_000;

describe('accounts disabled or demoted during a live hearing (e2e)', () => {
  const pool = `e2e-account-revocation-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let notices: HearingNotices;
  const clients: HearingClient[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_RECONNECT_GRACE_SECONDS: '30' } });
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    notices = await HearingNotices.listen();
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await notices?.close();
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

  it("ends at once, on the api's notice, the live connection of a judge whose account is disabled, and no one else's", async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const adminToken = await adminOf(f);
    const judge = await enterAs(f.judge.token, f);
    await judge.client.call('openHearing');
    const counsel = await enterAs(f.counsel.token, f);

    const res = await http(api.baseUrl, 'POST', `/api/admin/users/${f.judge.id}/disable`, { token: adminToken });
    expect(res.status).toBe(200);
    const ended = await judge.client.waitFor('sessionEnded', () => true, ENDED_WITHIN_MS);
    expect(ended).toMatchObject({ reason: 'token_revoked', code: 'auth.account_disabled' });
    expect(ended.message).toMatch(/disabled/);
    await notices.waitFor('access', f.hearingId);
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

    const res = await http(api.baseUrl, 'PUT', `/api/admin/users/${f.judge.id}/roles`, {
      token: adminToken,
      body: { roles: ['observer'] },
    });
    expect(res.status).toBe(200);
    const ended = await judge.client.waitFor('sessionEnded', () => true, ENDED_WITHIN_MS);
    expect(ended).toMatchObject({ reason: 'token_revoked', code: 'auth.role_withdrawn' });
    await notices.waitFor('access', f.hearingId);
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
    // The node was told (a second access notice for the hearing), and had time to act on it.
    await notices.waitFor('access', f.hearingId, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stillServed(counsel.client);
  });

  it('ends the connection of counsel whose account is disabled', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const adminToken = await adminOf(f);
    const judge = await enterAs(f.judge.token, f);
    await judge.client.call('openHearing');
    const counsel = await enterAs(f.counsel.token, f);

    expect((await http(api.baseUrl, 'POST', `/api/admin/users/${f.counsel.id}/disable`, { token: adminToken })).status).toBe(200);
    await expect(counsel.client.waitFor('sessionEnded', () => true, ENDED_WITHIN_MS)).resolves.toMatchObject({
      code: 'auth.account_disabled',
    });
    await notices.waitFor('access', f.hearingId);
    await judge.client.waitFor(
      'participantsChanged',
      (c) =>
        c.changed.some((p) => p.id === f.counsel.participantId && p.state === 'disconnected') ||
        c.disappeared.includes(f.counsel.participantId),
    );
    await stillServed(judge.client);
  });
});
