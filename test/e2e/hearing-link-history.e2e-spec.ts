// A participant's hearing links as the clerk reads them: when each was issued and by whom, when it
// was used and from where, and why it ended (revoked by a clerk, or replaced by a newer link).
// Real api, PostgreSQL and Redis; one test carries a live connection through a real media node.
import { ManualClock } from '@ejustice/platform';
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
  uniqueSuffix,
} from '@ejustice/testing';
import { createHearingRoomFixture, enter, linkSession } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { HearingNotices } from '@ejustice/testing/media/hearing-notices';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';

jest.setTimeout(60_000);

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36';

describe('a participant’s hearing links, as the court reads them (e2e)', () => {
  const pool = `e2e-link-history-${uniqueSuffix()}`;
  const clock = new ManualClock();
  let api: RunningApi;
  let media: RunningMediaNode;
  let notices: HearingNotices;
  const clients: HearingClient[] = [];
  let clerk: TestUser;
  let clerkToken: string;
  let otherClerkToken: string;
  let caseId: string;
  let hearingId: string;

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool } });
    api = await startApiServer({ clock, env: { MEDIA_POOL: pool } });
    notices = await HearingNotices.listen();
    const court = await createCourt();
    clerk = await createUser({ roles: ['clerk'], courtId: court.id, displayName: 'Nadia Clerk' });
    clerkToken = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
    const omar = await createUser({ roles: ['clerk'], courtId: court.id, displayName: 'Omar Farouk' });
    otherClerkToken = (await login(api.baseUrl, omar.email, omar.password)).accessToken;
    const c = await createCase({ courtId: court.id, caseType: 'trafficking' });
    caseId = c.id;
    hearingId = (await createHearing({ caseId, courtId: court.id })).id;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await notices?.close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  async function issue(participantId: string, token = clerkToken) {
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participantId}/links`, { token, body: {} });
    expect(res.status).toBe(201);
    return res.body as { linkId: string; token: string };
  }

  function exchange(token: string, headers: Record<string, string> = {}) {
    return http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token }, headers });
  }

  function history(participantId: string, token = clerkToken, hearing = hearingId) {
    return http(api.baseUrl, 'GET', `/api/hearings/${hearing}/participants/${participantId}/links`, { token });
  }

  function revoke(linkId: string, token = clerkToken) {
    return http(api.baseUrl, 'POST', `/api/hearing-links/${linkId}/revoke`, { token });
  }

  it('shows when a link was issued, by whom, and when and from where it was used; never the token', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness', displayName: 'Witness B' });
    const empty = await history(witness.id);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ participantId: witness.id, joinsByLink: true, links: [] });

    const issuedAt = clock.now();
    const link = await issue(witness.id);
    clock.advance(60_000);
    const usedAt = clock.now();
    const used = await exchange(link.token, { 'x-forwarded-for': '203.0.113.7', 'user-agent': ANDROID_CHROME });
    expect(used.status).toBe(200);

    const res = await history(witness.id);
    expect(res.status).toBe(200);
    expect(res.body.links).toEqual([
      {
        id: link.linkId,
        status: 'used',
        revocable: true,
        issuedAt: issuedAt.toISOString(),
        issuedBy: { userId: clerk.id, displayName: 'Nadia Clerk' },
        expiresAt: expect.any(String),
        used: { at: usedAt.toISOString(), address: '203.0.113.7', userAgent: ANDROID_CHROME, browser: 'Chrome', system: 'Android' },
        revoked: null,
      },
    ]);
    expect(Date.parse(res.body.links[0].expiresAt)).toBeGreaterThan(usedAt.getTime());
    const raw = JSON.stringify(res.body);
    expect(raw).not.toContain(link.token);
    expect(raw).not.toMatch(/token/i);
  });

  it('keeps only a plain address and a bounded user agent, and nothing when the client sent none', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const first = await issue(witness.id);
    const ipv6 = await exchange(first.token, { 'x-forwarded-for': '2001:db8::7', 'user-agent': `X${'y'.repeat(500)}` });
    expect(ipv6.status).toBe(200);
    let links = (await history(witness.id)).body.links;
    expect(links[0].used.address).toBe('2001:db8::7');
    expect(links[0].used.userAgent).toHaveLength(200);
    expect(links[0].used.userAgent).toMatch(/^Xy+$/);
    expect(links[0].used).toMatchObject({ browser: null, system: null });

    clock.advance(1_000);
    const second = await issue(witness.id);
    const junk = await exchange(second.token, { 'x-forwarded-for': 'not-an-address<script>', 'user-agent': '' });
    expect(junk.status).toBe(200);
    links = (await history(witness.id)).body.links;
    expect(links[0].id).toBe(second.linkId);
    expect(links[0].used).toMatchObject({ address: null, userAgent: null, browser: null, system: null });
  });

  it('lists the newest first; an earlier link shows it was replaced, a revoked one who revoked it', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'victim' });
    const first = await issue(witness.id);
    await exchange(first.token, { 'x-forwarded-for': '198.51.100.20', 'user-agent': ANDROID_CHROME });
    clock.advance(60_000);
    const replacedAt = clock.now();
    const second = await issue(witness.id, otherClerkToken);

    let links = (await history(witness.id)).body.links;
    expect(links.map((l: { id: string }) => l.id)).toEqual([second.linkId, first.linkId]);
    expect(links[0]).toMatchObject({
      status: 'unused',
      revocable: true,
      used: null,
      revoked: null,
      issuedBy: { displayName: 'Omar Farouk' },
    });
    expect(links[1]).toMatchObject({
      status: 'replaced',
      revocable: false,
      used: { address: '198.51.100.20' },
      revoked: { at: replacedAt.toISOString(), cause: 'replaced', replacedBy: second.linkId, by: { displayName: 'Omar Farouk' } },
    });

    clock.advance(60_000);
    const revokedAt = clock.now();
    expect((await revoke(second.linkId, otherClerkToken)).status).toBe(204);
    links = (await history(witness.id)).body.links;
    expect(links[0]).toMatchObject({
      id: second.linkId,
      status: 'revoked',
      revocable: false,
      revoked: { at: revokedAt.toISOString(), cause: 'revoked', replacedBy: null, by: { displayName: 'Omar Farouk' } },
    });
    // Revoking again changes nothing: the first revocation stands, with its author.
    clock.advance(60_000);
    expect((await revoke(second.linkId, clerkToken)).status).toBe(204);
    expect((await history(witness.id)).body.links[0].revoked).toEqual(links[0].revoked);

    const { rows } = await testDb().query(
      `SELECT action, data->>'cause' AS cause FROM audit_events WHERE subject_id = $1 AND action = 'hearing_link.revoked'`,
      [second.linkId],
    );
    expect(rows).toEqual([{ action: 'hearing_link.revoked', cause: 'revoked' }]);
  });

  it('shows an unused link that ran out as expired, with nothing left to revoke', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${witness.id}/links`, {
      token: clerkToken,
      body: { ttlHours: 1 },
    });
    clock.advance(3_600_001);
    const links = (await history(witness.id)).body.links;
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ id: res.body.linkId, status: 'expired', revocable: false, used: null, revoked: null });
  });

  it('says when a participant joins with an account rather than a link', async () => {
    const counsel = await createUser({ roles: ['counsel'], courtId: clerk.courtId });
    const p = await createParticipant({ hearingId, hearingRole: 'defence_counsel', userId: counsel.id });
    const res = await history(p.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ participantId: p.id, joinsByLink: false, links: [] });
  });

  it('is for the judges and clerks of the hearing’s court only: anyone else is told there is no such hearing', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    await issue(witness.id);

    const judge = await createUser({ roles: ['judge'], courtId: clerk.courtId });
    const judgeRes = await history(witness.id, (await login(api.baseUrl, judge.email, judge.password)).accessToken);
    expect(judgeRes.status).toBe(200);
    expect(judgeRes.body.links).toHaveLength(1);

    const counsel = await createUser({ roles: ['counsel'], courtId: clerk.courtId });
    await createParticipant({ hearingId, hearingRole: 'defence_counsel', userId: counsel.id });
    const observer = await createUser({ roles: ['observer'], courtId: clerk.courtId });
    await createParticipant({ hearingId, hearingRole: 'observer', userId: observer.id });
    const outsider = await createUser({ roles: ['clerk'] });
    const outsideJudge = await createUser({ roles: ['judge'] });
    for (const user of [counsel, observer, outsider, outsideJudge]) {
      const token = (await login(api.baseUrl, user.email, user.password)).accessToken;
      const res = await history(witness.id, token);
      expect({ user: user.roles[0], status: res.status, code: res.body.code }).toEqual({
        user: user.roles[0],
        status: 404,
        code: 'hearing.not_found',
      });
    }
    expect((await http(api.baseUrl, 'GET', `/api/hearings/${hearingId}/participants/${witness.id}/links`)).status).toBe(401);
  });

  it('answers 404 for a participant of another hearing, and 400 for an id that is not one', async () => {
    const other = await createHearing({ caseId, courtId: clerk.courtId });
    const elsewhere = await createParticipant({ hearingId: other.id, hearingRole: 'witness' });
    const res = await history(elsewhere.id);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('hearing.participant_not_found');
    expect((await history('not-a-uuid')).status).toBe(400);
    expect((await history(elsewhere.id, clerkToken, '00000000-0000-4000-8000-000000000000')).body.code).toBe('hearing.not_found');
  });

  it('leaves exactly one live link when the court issues several at the same moment', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const issued = await Promise.all(
      Array.from({ length: 5 }, () =>
        http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${witness.id}/links`, { token: clerkToken, body: {} }),
      ),
    );
    expect(issued.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const { rows } = await testDb().query(
      'SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live, count(*)::int AS total FROM hearing_links WHERE participant_id = $1',
      [witness.id],
    );
    expect(rows[0]).toEqual({ live: 1, total: 5 });
  });

  it('revoking a used link ends its session: the next request is refused and the live connection drops at once', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const judge = await enter(api.baseUrl, f.judge.token, f.hearingId);
    clients.push(judge.client);
    await judge.client.call('openHearing');
    const { sessionToken, linkId } = await linkSession(api.baseUrl, f, f.witnessId);
    const witness = await enter(api.baseUrl, sessionToken, f.hearingId);
    clients.push(witness.client);
    await judge.client.call('admit', { participantId: f.witnessId });

    expect((await revoke(linkId, f.clerk.token)).status).toBe(204);
    // On the api's access notice (nothing else ends a live connection: without it, it lasts until
    // its holder reconnects), so the bound only keeps a broken push from hanging the test; the
    // notice itself is checked rather than a stopwatch that a loaded machine breaks.
    const ended = await witness.client.waitFor('sessionEnded', () => true, 15_000);
    expect(ended).toMatchObject({ reason: 'token_revoked', code: 'hearing_link.revoked' });
    await notices.waitFor('access', f.hearingId);
    await witness.client.disconnected;

    const again = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: sessionToken });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('hearing_link.revoked');
    const links = (
      await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}/participants/${f.witnessId}/links`, { token: f.clerk.token })
    ).body.links;
    expect(links[0]).toMatchObject({ id: linkId, status: 'revoked', revoked: { cause: 'revoked', by: { userId: f.clerk.id } } });
  });
});
