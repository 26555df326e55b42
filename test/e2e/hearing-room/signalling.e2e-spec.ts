// The hearing room through its real edges: join tickets from the api (REST), the media node's
// socket.io gateway, PostgreSQL (participant states, the sitting, audit events) and Redis (node
// registry). No media here; hearing-media.e2e-spec.ts carries audio and video.
import { JwtService } from '@nestjs/jwt';
import {
  TEST_METRICS_TOKEN,
  closeTestDb,
  createSummonses,
  createUser,
  http,
  login,
  uniqueSuffix,
  type RunningApi,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import { HandshakeRefused, HearingClient } from '@ejustice/testing/media/hearing-client';
import {
  PROTECTED_PSEUDONYM,
  PROTECTED_REAL_NAME,
  type HearingRoomFixture,
  auditActions,
  createHearingRoomFixture,
  enter,
  hearingRow,
  joinTicket,
  linkSession,
  participantState,
} from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { HearingNotices } from '@ejustice/testing/media/hearing-notices';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from '@ejustice/testing/media/werift-participant';

jest.setTimeout(60_000);

describe('hearing room signalling (e2e)', () => {
  const pool = `e2e-signalling-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let notices: HearingNotices;
  const clients: HearingClient[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_JOIN_TIMEOUT_MS: '2500', MEDIA_RECONNECT_GRACE_SECONDS: '30' } });
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

  function room(f: HearingRoomFixture) {
    const r = media.rooms.room(f.hearingId);
    if (!r) throw new Error('the media node carries no room for this hearing');
    return r;
  }

  describe('join tickets', () => {
    it('names this media node, for a participant, a bench member of the court and a link holder', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await joinTicket(api.baseUrl, f.judge.token, f.hearingId);
      expect(judge).toMatchObject({
        hearingId: f.hearingId,
        participantId: f.judge.participantId,
        hearingRole: 'judge',
        mediaUrl: media.url,
        nodeId: media.config.media.nodeId,
        namespace: '/hearing-room',
      });
      expect(Date.parse(judge.expiresAt)).toBeGreaterThan(Date.now());

      // A clerk of the court not listed in the hearing joins as bench, recorded like any participant added.
      const clerk = await joinTicket(api.baseUrl, f.clerk.token, f.hearingId);
      expect(clerk.hearingRole).toBe('clerk');
      const { rows } = await testDb().query('SELECT user_id, hearing_role, state FROM hearing_participants WHERE id = $1', [
        clerk.participantId,
      ]);
      expect(rows[0]).toEqual({ user_id: f.clerk.id, hearing_role: 'clerk', state: 'invited' });
      expect(
        (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.participant_added' && e.subject_id === clerk.participantId),
      ).toHaveLength(1);
      expect((await joinTicket(api.baseUrl, f.clerk.token, f.hearingId)).participantId).toBe(clerk.participantId);

      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      expect(await joinTicket(api.baseUrl, sessionToken, f.hearingId)).toMatchObject({
        participantId: f.witnessId,
        hearingRole: 'witness',
        mediaUrl: media.url,
      });
    });

    it('is refused to strangers (as if the hearing did not exist), to a link for another hearing, and without a token', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const stranger = await createUser({ roles: ['counsel'] });
      const strangerToken = (await login(api.baseUrl, stranger.email, stranger.password)).accessToken;
      const refused = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: strangerToken });
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('hearing.not_found');

      const otherCourtJudge = await createUser({ roles: ['judge'] });
      const otherJudgeToken = (await login(api.baseUrl, otherCourtJudge.email, otherCourtJudge.password)).accessToken;
      expect((await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: otherJudgeToken })).status).toBe(404);

      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      const wrongHearing = await http(api.baseUrl, 'POST', `/api/hearings/${f.otherHearingId}/join-ticket`, { token: sessionToken });
      expect(wrongHearing.status).toBe(403);
      expect(wrongHearing.body.code).toBe('auth.participant_token_not_allowed');

      const none = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`);
      expect(none.status).toBe(401);
      // The session token opens this endpoint only: everywhere else it is no access token.
      expect((await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: sessionToken })).status).toBe(401);
    });
  });

  it('reports its health and load (workers, rooms) for the orchestrator', async () => {
    const health = await http(media.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', node: media.config.media.nodeId, redis: 'up', workers: { alive: 2, configured: 2 } });
    const metrics = await http(media.url, 'GET', '/metrics', { token: TEST_METRICS_TOKEN });
    expect(metrics.body).toMatch(/^ejustice_media_workers_alive 2$/m);
    expect(metrics.body).toMatch(/^ejustice_media_rooms \d+$/m);
  });

  describe('hearing pages (REST)', () => {
    it("lists today's hearings: the judge's own, the whole court's for a clerk", async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const mine = await http(api.baseUrl, 'GET', '/api/hearings/today', { token: f.judge.token });
      expect(mine.status).toBe(200);
      expect(mine.body.map((h: { id: string }) => h.id)).toEqual([f.hearingId]);
      expect(mine.body[0]).toMatchObject({
        id: f.hearingId,
        status: 'scheduled',
        presiding: true,
        participantCount: 5,
        waitingCount: 0,
        case: { id: expect.any(String) },
      });
      const court = await http(api.baseUrl, 'GET', '/api/hearings/today', { token: f.clerk.token });
      expect(court.body.map((h: { id: string }) => h.id)).toContain(f.hearingId);
      expect((await http(api.baseUrl, 'GET', '/api/hearings/today', { token: f.counsel.token })).status).toBe(403);
    });

    it('shows a participant from outside the room only themselves and the judge by role; staff see all', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const counsel = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.counsel.token });
      expect(counsel.status).toBe(200);
      expect(counsel.body.viewer).toEqual({ participantId: f.counsel.participantId, hearingRole: 'defence_counsel', bench: false });
      expect(counsel.body.participants.map((p: { id: string; displayName: string | null }) => [p.id, p.displayName])).toEqual([
        [f.judge.participantId, null],
        [f.counsel.participantId, f.counsel.displayName],
      ]);
      const clerk = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.clerk.token });
      expect(clerk.body.participants).toHaveLength(5);
      const stranger = await createUser({ roles: ['counsel'] });
      const token = (await login(api.baseUrl, stranger.email, stranger.password)).accessToken;
      expect((await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token })).status).toBe(404);
    });
  });

  describe('handshake', () => {
    async function refusal(auth: { ticket: string; hearingId: string }): Promise<string> {
      try {
        const c = await HearingClient.connect(media.url, auth);
        clients.push(c);
        return 'connected';
      } catch (error) {
        if (error instanceof HandshakeRefused) return error.refusal.code;
        throw error;
      }
    }

    it('refuses a missing, forged or expired ticket, and an access token passed off as one', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      expect(await refusal({ ticket: '', hearingId: f.hearingId })).toBe('auth.ticket_missing');
      expect(await refusal({ ticket: 'x.y.z', hearingId: f.hearingId })).toBe('auth.ticket_invalid');
      expect(await refusal({ ticket: f.judge.token, hearingId: f.hearingId })).toBe('auth.ticket_invalid');
      const claims = {
        typ: 'media-join',
        sub: f.judge.participantId,
        hid: f.hearingId,
        role: 'judge',
        node: media.config.media.nodeId,
        lnk: null,
        uid: f.judge.id,
      };
      const expired = new JwtService({}).sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 5 },
        { privateKey: api.config.media.ticketPrivateKey, issuer: 'ejustice', audience: 'ejustice-media', algorithm: 'ES256' },
      );
      expect(await refusal({ ticket: expired, hearingId: f.hearingId })).toBe('auth.ticket_expired');
      // The media node holds only the tickets' public key; a ticket made with the api's JWT secret is no ticket.
      expect(media.config.media.ticketPrivateKey).toBeUndefined();
      const withSecret = new JwtService({}).sign(claims, {
        secret: api.config.auth.jwtSecret,
        issuer: 'ejustice',
        audience: 'ejustice-media',
        algorithm: 'HS256',
        expiresIn: 60,
      });
      expect(await refusal({ ticket: withSecret, hearingId: f.hearingId })).toBe('auth.ticket_invalid');
    });

    it('refuses a ticket for one hearing presented to join another', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const ticket = await joinTicket(api.baseUrl, f.judge.token, f.hearingId);
      expect(await refusal({ ticket: ticket.ticket, hearingId: f.otherHearingId })).toBe('hearing.ticket_for_other_hearing');
      expect(await refusal({ ticket: ticket.ticket, hearingId: f.hearingId })).toBe('connected');
    });

    it('refuses a link the court withdrew after it was used, and an expired link never gets a ticket', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const { sessionToken, linkId } = await linkSession(api.baseUrl, f, f.witnessId);
      const ticket = await joinTicket(api.baseUrl, sessionToken, f.hearingId);
      expect((await http(api.baseUrl, 'POST', `/api/hearing-links/${linkId}/revoke`, { token: f.clerk.token })).status).toBe(204);
      expect(await refusal({ ticket: ticket.ticket, hearingId: f.hearingId })).toBe('hearing_link.revoked');
      const again = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: sessionToken });
      expect(again.status).toBe(410);
      expect(again.body.code).toBe('hearing_link.revoked');

      // An expired link cannot even be exchanged, so it can never reach the media node.
      const issued = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${f.victimId}/links`, {
        token: f.clerk.token,
        body: {},
      });
      await testDb().query(
        `UPDATE hearing_links SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE id = $1`,
        [issued.body.linkId],
      );
      const exchanged = await http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: issued.body.token } });
      expect(exchanged.status).toBe(410);
      expect(exchanged.body.code).toBe('hearing_link.expired');
    });

    it('closes a connection that does not join in time', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const ticket = await joinTicket(api.baseUrl, f.judge.token, f.hearingId);
      const client = await HearingClient.connect(media.url, { ticket: ticket.ticket, hearingId: f.hearingId });
      clients.push(client);
      const ended = await client.waitFor('sessionEnded', () => true, 10_000);
      expect(ended).toMatchObject({ reason: 'join_timeout', code: 'signalling.join_timeout' });
      await expect(client.disconnected).resolves.toBe('io server disconnect');
      expect(await participantState(f.judge.participantId)).toBe('invited');
    });

    it('answers requests before join with a coded error', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const ticket = await joinTicket(api.baseUrl, f.judge.token, f.hearingId);
      const client = await HearingClient.connect(media.url, { ticket: ticket.ticket, hearingId: f.hearingId });
      clients.push(client);
      expect(await client.request('admit', { participantId: f.witnessId })).toEqual({
        ok: false,
        error: { code: 'signalling.not_joined', message: expect.any(String) },
      });
      expect(await client.request('openHearing', { sneaky: true } as never)).toMatchObject({
        ok: false,
        error: { code: 'signalling.invalid_request' },
      });
      expect(await client.request('becomeJudge' as never)).toMatchObject({ ok: false, error: { code: 'signalling.unknown_method' } });
    });
  });

  describe('waiting room and admission', () => {
    it('puts the witness in the waiting room, seeing only themselves and the judge by role, until the judge admits them', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      expect(judge.joined.self).toMatchObject({ id: f.judge.participantId, state: 'admitted', self: true });
      expect(judge.joined.media).toMatchObject({ muted: false, mayUnmute: true });
      expect(judge.joined.hearing).toMatchObject({ id: f.hearingId, status: 'scheduled', roomLocked: false });

      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      const witness = await enterAs(sessionToken, f);
      expect(witness.joined.self).toMatchObject({ id: f.witnessId, state: 'waiting' });
      expect(witness.joined.media).toMatchObject({ muted: true, mayUnmute: true });
      // From the waiting room: no hearing status, and the judge without a name.
      expect(witness.joined.hearing.status).toBeUndefined();
      expect(witness.joined.participants.map((p) => [p.id, p.displayName])).toEqual([
        [f.judge.participantId, null],
        [f.witnessId, expect.any(String)],
      ]);
      expect(await participantState(f.witnessId)).toBe('waiting');

      const seen = await judge.client.waitFor('participantsChanged', (c) =>
        [...c.appeared, ...c.changed].some((p) => p.id === f.witnessId && p.state === 'waiting'),
      );
      expect(seen.appeared.concat(seen.changed).find((p) => p.id === f.witnessId)?.displayName).toEqual(expect.stringMatching(/^Witness /));

      await judge.client.call('admit', { participantId: f.witnessId });
      expect(await participantState(f.witnessId)).toBe('admitted');
      const mine = await witness.client.waitFor('participantsChanged', (c) => c.changed.some((p) => p.self && p.state === 'admitted'));
      expect(mine).toBeDefined();
      await witness.client.waitFor('hearingChanged', (h) => h.status === 'scheduled');
      const admitted = (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.participant_admitted');
      expect(admitted.map((e) => [e.subject_id, e.actor_type, e.actor_id])).toEqual([
        [f.judge.participantId, 'user', f.judge.id],
        [f.witnessId, 'user', f.judge.id],
      ]);
      // Never a name in the audit trail.
      expect(JSON.stringify(await auditActions(f.hearingId))).not.toMatch(/Witness |Judge /);
    });

    it('refuses a judge-only message from a participant with a coded error, and nothing changes', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      const counsel = await enterAs(f.counsel.token, f);
      await judge.client.call('admit', { participantId: f.counsel.participantId });
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      await enterAs(sessionToken, f);
      const auditBefore = await auditActions(f.hearingId);
      const roomBefore = JSON.stringify(room(f).snapshotState());

      for (const [method, data] of [
        ['admit', { participantId: f.witnessId }],
        ['removeParticipant', { participantId: f.judge.participantId }],
        ['muteParticipant', { participantId: f.judge.participantId }],
        ['stopCamera', { participantId: f.witnessId }],
        ['openHearing', {}],
        ['closeHearing', {}],
        ['setRoomLock', { locked: true }],
        ['lowerHands', {}],
      ] as const) {
        const ack = await counsel.client.request(method, data as never);
        expect({ method, ack }).toEqual({ method, ack: { ok: false, error: { code: 'room.forbidden', message: expect.any(String) } } });
      }
      expect(await participantState(f.witnessId)).toBe('waiting');
      expect(await hearingRow(f.hearingId)).toEqual({ status: 'scheduled', room_locked: false });
      expect(await auditActions(f.hearingId)).toEqual(auditBefore);
      expect(JSON.stringify(room(f).snapshotState())).toBe(roomBefore);
    });

    it('keeps a protected victim’s real name from defence counsel, in every message', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      await judge.client.call('openHearing');
      const counsel = await enterAs(f.counsel.token, f);
      await judge.client.call('admit', { participantId: f.counsel.participantId });
      const { sessionToken } = await linkSession(api.baseUrl, f, f.victimId);
      const victim = await enterAs(sessionToken, f);
      await judge.client.call('admit', { participantId: f.victimId });

      const judgeSees = await judge.client.call('getRoomState');
      expect(judgeSees.participants.find((p) => p.id === f.victimId)?.displayName).toBe(PROTECTED_REAL_NAME);
      const counselSees = await counsel.client.waitFor('participantsChanged', (c) => c.appeared.some((p) => p.id === f.victimId));
      expect(counselSees.appeared.find((p) => p.id === f.victimId)?.displayName).toBe(PROTECTED_PSEUDONYM);
      expect((await counsel.client.call('getRoomState')).participants.find((p) => p.id === f.victimId)?.displayName).toBe(
        PROTECTED_PSEUDONYM,
      );
      expect(victim.joined.self.displayName).toBe(PROTECTED_REAL_NAME);
      expect(JSON.stringify(counsel.client.notifications)).not.toContain(PROTECTED_REAL_NAME);

      // The REST view of the hearing applies the same rule.
      const restCounsel = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.counsel.token });
      expect(restCounsel.status).toBe(200);
      expect(JSON.stringify(restCounsel.body)).not.toContain(PROTECTED_REAL_NAME);
      expect(restCounsel.body.participants.find((p: { id: string }) => p.id === f.victimId)?.displayName).toBe(PROTECTED_PSEUDONYM);
      const restJudge = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.judge.token });
      expect(restJudge.body.participants.find((p: { id: string }) => p.id === f.victimId)?.displayName).toBe(PROTECTED_REAL_NAME);
    });
  });

  describe("the judge's controls", () => {
    it('opens, mutes (held by the server until asked to unmute), locks, recesses and removes, each on the audit trail', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      const witness = await enterAs(sessionToken, f);
      await judge.client.call('openHearing');
      expect((await hearingRow(f.hearingId)).status).toBe('open');
      await judge.client.call('admit', { participantId: f.witnessId });

      // Joined muted; unmutes themselves; the judge mutes; unmuting is refused until asked.
      expect(await witness.client.call('setMuted', { muted: false })).toMatchObject({ muted: false });
      await judge.client.call('muteParticipant', { participantId: f.witnessId });
      await witness.client.waitFor('selfMediaState', (s) => s.muted && !s.mayUnmute);
      expect(await witness.client.request('setMuted', { muted: false })).toMatchObject({
        ok: false,
        error: { code: 'media.unmute_forbidden' },
      });
      await judge.client.call('askToUnmute', { participantId: f.witnessId });
      await witness.client.waitFor('selfMediaState', (s) => s.unmuteRequested && s.mayUnmute);
      expect(await witness.client.call('setMuted', { muted: false })).toMatchObject({ muted: false, mayUnmute: true });

      await witness.client.call('raiseHand');
      await judge.client.waitFor('participantsChanged', (c) => c.changed.some((p) => p.id === f.witnessId && p.handRaised === true));
      await judge.client.call('lowerHands');
      await witness.client.waitFor('selfMediaState', (s) => !s.handRaised);

      await judge.client.call('setRoomLock', { locked: true });
      expect((await hearingRow(f.hearingId)).room_locked).toBe(true);
      await witness.client.waitFor('hearingChanged', (h) => h.roomLocked);
      // A newcomer is refused while locked; the bench still comes in.
      const victim = await linkSession(api.baseUrl, f, f.victimId);
      const ticket = await joinTicket(api.baseUrl, victim.sessionToken, f.hearingId);
      const newcomer = await HearingClient.connect(media.url, { ticket: ticket.ticket, hearingId: f.hearingId });
      clients.push(newcomer);
      expect(await newcomer.request('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES })).toMatchObject({
        ok: false,
        error: { code: 'hearing.room_locked' },
      });
      expect(await participantState(f.victimId)).toBe('invited');
      const clerk = await enterAs(f.clerk.token, f);
      expect(clerk.joined.self.state).toBe('admitted');

      await judge.client.call('recessHearing');
      expect((await hearingRow(f.hearingId)).status).toBe('in_recess');
      // A clerk runs the room, but the sitting is the judge's.
      expect(await clerk.client.request('openHearing')).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      await judge.client.call('openHearing');

      await clerk.client.call('removeParticipant', { participantId: f.witnessId });
      await expect(witness.client.waitFor('sessionEnded')).resolves.toMatchObject({ reason: 'removed', code: 'room.removed' });
      await witness.client.disconnected;
      expect(await participantState(f.witnessId)).toBe('removed');
      // Removed is final for this hearing: no ticket, no connection.
      const again = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: sessionToken });
      expect(again.body.code).toBe('hearing.participant_removed');

      const actions = (await auditActions(f.hearingId)).map((e) => e.action);
      for (const action of [
        'hearing.opened',
        'hearing.participant_admitted',
        'hearing.participant_muted',
        'hearing.participant_asked_to_unmute',
        'hearing.hands_lowered',
        'hearing.room_locked',
        'hearing.recessed',
        'hearing.resumed',
        'hearing.participant_removed',
      ]) {
        expect(actions).toContain(action);
      }
    });

    it('takes the summons of someone removed in the room off the clerk’s queue, and refuses to record it delivered', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      // As a publication leaves one, for the witness without an account.
      const summons = (await createSummonses({ hearingId: f.hearingId, participantIds: [f.witnessId], requestedBy: f.clerk.id })).get(
        f.witnessId,
      );
      const pending = async () =>
        (await http(api.baseUrl, 'GET', `/api/courts/${f.clerk.courtId}/summonses?status=pending`, { token: f.clerk.token })).body;
      expect((await pending()).items.map((i: { id: string }) => i.id)).toEqual([summons]);

      const clerk = await enterAs(f.clerk.token, f);
      await clerk.client.call('removeParticipant', { participantId: f.witnessId });
      expect(await participantState(f.witnessId)).toBe('removed');
      expect(await pending()).toEqual({ items: [], total: 0 });
      const delivered = await http(api.baseUrl, 'POST', `/api/summonses/${summons}/delivery`, {
        token: f.clerk.token,
        body: { method: 'phone', note: null },
      });
      expect(delivered.status).toBe(409);
      expect(delivered.body.code).toBe('summons.seat_removed');
    });

    it('adjourns: everyone is told and disconnected, states recorded, and the room reopens at the next sitting', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      await judge.client.call('openHearing');
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      const witness = await enterAs(sessionToken, f);
      await judge.client.call('adjournHearing');
      await expect(witness.client.waitFor('sessionEnded')).resolves.toMatchObject({ reason: 'hearing_adjourned' });
      await expect(judge.client.waitFor('sessionEnded')).resolves.toMatchObject({ reason: 'hearing_adjourned' });
      expect((await hearingRow(f.hearingId)).status).toBe('adjourned');
      expect(await participantState(f.witnessId)).toBe('disconnected');
      const back = await enterAs(f.judge.token, f);
      expect(back.joined.hearing.status).toBe('adjourned');
      await back.client.call('openHearing');
      expect((await hearingRow(f.hearingId)).status).toBe('open');
    });
  });

  describe('reconnecting', () => {
    it('gives a dropped participant their place back, muted as the judge left them', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      await judge.client.call('openHearing');
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      const witness = await enterAs(sessionToken, f);
      await judge.client.call('admit', { participantId: f.witnessId });
      await judge.client.call('muteParticipant', { participantId: f.witnessId });

      witness.client.close();
      await judge.client.waitFor(
        'participantsChanged',
        (c) => c.changed.some((p) => p.id === f.witnessId && p.state === 'disconnected') || c.disappeared.includes(f.witnessId),
      );
      expect(await participantState(f.witnessId)).toBe('disconnected');

      const back = await enterAs(sessionToken, f);
      expect(back.joined.self.state).toBe('admitted');
      expect(back.joined.media).toMatchObject({ muted: true, mayUnmute: false });
      expect(await participantState(f.witnessId)).toBe('admitted');
      expect((await auditActions(f.hearingId)).map((e) => e.action)).toEqual(
        expect.arrayContaining(['hearing.participant_disconnected', 'hearing.participant_rejoined']),
      );
    });

    it('sends the holder of a fresh link to the waiting room, even within the grace period: only the same session resumes a place', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      await judge.client.call('openHearing');
      const first = await linkSession(api.baseUrl, f, f.witnessId);
      const witness = await enterAs(first.sessionToken, f);
      await judge.client.call('admit', { participantId: f.witnessId });

      // Her connection drops without 'Leave'; the clerk issues her a new link at once.
      witness.client.close();
      await judge.client.waitFor(
        'participantsChanged',
        (c) => c.changed.some((p) => p.id === f.witnessId && p.state === 'disconnected') || c.disappeared.includes(f.witnessId),
      );
      const second = await linkSession(api.baseUrl, f, f.witnessId);
      const holder = await enterAs(second.sessionToken, f);
      expect(holder.joined.self.state).toBe('waiting');
      expect(await participantState(f.witnessId)).toBe('waiting');
      await judge.client.waitFor('participantsChanged', (c) => c.changed.some((p) => p.id === f.witnessId && p.state === 'waiting'));
    });

    it("cuts off at once, on the api's notice, a live connection whose link the court replaced", async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      await judge.client.call('openHearing');
      const intercepted = await linkSession(api.baseUrl, f, f.witnessId);
      const holder = await enterAs(intercepted.sessionToken, f);
      await judge.client.call('admit', { participantId: f.witnessId });

      await linkSession(api.baseUrl, f, f.witnessId);
      // On the api's access notice (nothing else ends a live connection: without it, it lasts until
      // its holder reconnects), so the bound only keeps a broken push from hanging the test; the
      // notice itself is checked rather than a stopwatch that a loaded machine breaks.
      const ended = await holder.client.waitFor('sessionEnded', () => true, 15_000);
      expect(ended).toMatchObject({ reason: 'token_revoked', code: 'hearing_link.revoked' });
      await notices.waitFor('access', f.hearingId);
      await holder.client.disconnected;
      await judge.client.waitFor(
        'participantsChanged',
        (c) => c.changed.some((p) => p.id === f.witnessId && p.state === 'disconnected') || c.disappeared.includes(f.witnessId),
      );
    });

    it('lists in a live room, on the api’s notice, a seat the court adds during the hearing, before its holder joins', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      const added = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants`, {
        token: f.clerk.token,
        body: { hearingRole: 'interpreter', displayName: 'Interpreter called now', language: 'fr' },
      });
      expect(added.status).toBe(201);
      await notices.waitFor('seats', f.hearingId);
      // The bench sees the new seat at once, as not yet joined, without anyone rejoining.
      const seen = await judge.client.waitFor('participantsChanged', (c) => c.appeared.some((p) => p.id === added.body.id), 15_000);
      expect(seen.appeared.find((p) => p.id === added.body.id)).toMatchObject({ state: 'invited', role: 'interpreter' });
    });

    it('drops from a live room, on the api’s notice, a seat the court withdrew before its holder joined', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      expect(judge.joined.participants.map((p) => p.id)).toContain(f.witnessId);
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);

      const withdrawn = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${f.witnessId}/withdraw`, {
        token: f.clerk.token,
      });
      expect(withdrawn.status).toBe(200);
      await notices.waitFor('seats', f.hearingId);
      // The judge's list loses the line without anyone rejoining; the room holds the seat as removed.
      await judge.client.waitFor('participantsChanged', (c) => c.disappeared.includes(f.witnessId), 15_000);
      expect(
        room(f)
          .snapshotState()
          .participants.find((p) => p.id === f.witnessId)?.state,
      ).toBe('removed');
      expect(await participantState(f.witnessId)).toBe('removed');
      // The session opened with her link gets no ticket any more.
      const ticket = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: sessionToken });
      expect(ticket.status).toBe(410);
      expect(ticket.body.code).toBe('hearing_link.revoked');
    });

    it('replaces an older connection of the same participant', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const first = await enterAs(f.judge.token, f);
      const second = await enterAs(f.judge.token, f);
      await expect(first.client.waitFor('sessionEnded')).resolves.toMatchObject({ reason: 'replaced' });
      expect(second.joined.self.state).toBe('admitted');
      expect(room(f).connectedParticipantIds()).toEqual([f.judge.participantId]);
    });
  });

  describe('concurrency', () => {
    it('serialises simultaneous bench actions on one participant: one admission, one audit event', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      const clerk = await enterAs(f.clerk.token, f);
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      await enterAs(sessionToken, f);
      const acks = await Promise.all([
        judge.client.request('admit', { participantId: f.witnessId }),
        clerk.client.request('admit', { participantId: f.witnessId }),
        judge.client.request('admit', { participantId: f.witnessId }),
      ]);
      expect(acks.filter((a) => a.ok)).toHaveLength(1);
      expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['room.not_allowed_now', 'room.not_allowed_now']);
      expect(
        (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.participant_admitted' && e.subject_id === f.witnessId),
      ).toHaveLength(1);
    });

    it('lets a removal and an admission race without ever admitting the removed', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const judge = await enterAs(f.judge.token, f);
      const clerk = await enterAs(f.clerk.token, f);
      const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
      await enterAs(sessionToken, f);
      const [remove, admit] = await Promise.all([
        clerk.client.request('removeParticipant', { participantId: f.witnessId }),
        judge.client.request('admit', { participantId: f.witnessId }),
      ]);
      expect(remove.ok).toBe(true);
      // Whichever came second found the state the first left; the end is always "removed".
      expect(await participantState(f.witnessId)).toBe('removed');
      expect(
        room(f)
          .snapshotState()
          .participants.find((p) => p.id === f.witnessId)?.state,
      ).toBe('removed');
      if (!admit.ok) expect(admit.error.code).toBe('room.not_allowed_now');
    });

    it('lets the court’s withdrawal of a seat and its holder’s arrival race: one of the two, never both', async () => {
      // Her arrival sent a little later each round, so that each side gets to come first.
      for (const joinAfterMs of [0, 10, 20, 40, 80]) {
        const f = await createHearingRoomFixture(api.baseUrl);
        await enterAs(f.judge.token, f);
        const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
        const ticket = await joinTicket(api.baseUrl, sessionToken, f.hearingId);
        const witness = await HearingClient.connect(ticket.mediaUrl, { ticket: ticket.ticket, hearingId: f.hearingId });
        clients.push(witness);
        await witness.call('getRouterRtpCapabilities');
        const [joined, withdrawn] = await Promise.all([
          // A connection the node has already ended (her link went with the seat) answers nothing.
          new Promise((resolve) => setTimeout(resolve, joinAfterMs)).then(() =>
            witness
              .request('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES }, 5_000)
              .catch((error: Error) => ({ ok: false as const, error })),
          ),
          http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${f.witnessId}/withdraw`, { token: f.clerk.token }),
        ]);
        if (withdrawn.status === 200) {
          // The seat went first: her arrival found it gone, and the room holds it as removed.
          expect(joined.ok).toBe(false);
          expect(await participantState(f.witnessId)).toBe('removed');
          await notices.waitFor('access', f.hearingId);
          await waitUntil(
            () =>
              room(f)
                .snapshotState()
                .participants.find((p) => p.id === f.witnessId)?.state === 'removed',
          );
        } else {
          // She was in the waiting room first: the seat is the room's to remove now.
          expect(withdrawn.body.code).toBe('hearing.participant_joined');
          expect(joined.ok).toBe(true);
          expect(await participantState(f.witnessId)).toBe('waiting');
        }
      }
    });
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
