// Special-measures orders through the real edges: the presiding judge makes them over REST, the
// api records and audits them and tells the media node over Redis, and the media node applies
// them to a live room, over real sockets, without anyone rejoining. Also the consultation rules
// and the private break signal, as clients meet them. Media flows are in the integration tests
// (room-orders.int-spec.ts) and the browser test; here: who is told what.
import {
  closeTestDb,
  createParticipant,
  createSpecialMeasureOrder,
  http,
  type RunningApi,
  startApiServer,
  uniqueSuffix,
} from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import {
  PROTECTED_PSEUDONYM,
  PROTECTED_REAL_NAME,
  type HearingRoomFixture,
  createHearingRoomFixture,
  enter,
  linkSession,
} from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { HearingNotices } from '@ejustice/testing/media/hearing-notices';

jest.setTimeout(90_000);

/**
 * The media node's periodic re-read of orders, set beyond this file's life: an order that reaches
 * a live room here came by the api's Redis notice, the path that applies it at once. The effect is
 * awaited for a small fraction of that, a bound no load on the machine brings the notice path
 * near, instead of being timed (`./ejustice bench sfu --orders` measures how fast it is).
 */
const ORDER_RECHECK_MS = 600_000;
const APPLIED_WITHIN_MS = 20_000;

describe('special-measures orders in a live hearing (e2e)', () => {
  const pool = `e2e-orders-live-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let notices: HearingNotices;
  const clients: HearingClient[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_ORDER_RECHECK_MS: String(ORDER_RECHECK_MS) } });
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
    return entered.client;
  }

  async function byLink(f: HearingRoomFixture, participantId: string) {
    const { sessionToken } = await linkSession(api.baseUrl, f, participantId);
    return enterAs(sessionToken, f);
  }

  async function makeOrder(f: HearingRoomFixture, body: Record<string, unknown>) {
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, { token: f.judge.token, body });
    if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  }

  /** Waits until the media node's room holds `count` orders in force (the api's notice arrived). */
  async function ordersApplied(f: HearingRoomFixture, count: number): Promise<void> {
    const deadline = Date.now() + APPLIED_WITHIN_MS;
    while (media.rooms.room(f.hearingId)?.snapshotState().orders.length !== count) {
      if (Date.now() > deadline) throw new Error(`the media node did not apply ${count} order(s) within ${APPLIED_WITHIN_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A sitting court: judge, defence counsel, the defendant, the protected victim and the public gallery. */
  async function sittingCourt() {
    const f = await createHearingRoomFixture(api.baseUrl);
    const observer = await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press reporter' });
    // The case is confidential: the press sits in the gallery by the presiding judge's leave.
    await createSpecialMeasureOrder({ hearingId: f.hearingId, kind: 'attendance', participantId: observer.id, madeBy: f.judge.id });
    const judge = await enterAs(f.judge.token, f);
    await judge.call('openHearing');
    const counsel = await enterAs(f.counsel.token, f);
    const defendant = await byLink(f, f.defendantId);
    const victim = await byLink(f, f.victimId);
    const gallery = await byLink(f, observer.id);
    for (const id of [f.counsel.participantId, f.defendantId, f.victimId, observer.id]) await judge.call('admit', { participantId: id });
    return { f, observerId: observer.id as string, judge, counsel, defendant, victim, gallery };
  }

  it('evidence in private, ordered over REST, empties the gallery at once and tells it why; lifted, the gallery sees the court again', async () => {
    const { f, gallery, observerId } = await sittingCourt();
    await gallery.waitFor('participantsChanged', (c) => c.appeared.some((p) => p.id === f.victimId));

    const order = await makeOrder(f, { kind: 'evidence_in_private', reason: 'The victim gives evidence of sexual exploitation.' });
    // Applied by the Redis notice: the periodic re-read cannot come within this bound (see above).
    const told = await gallery.waitFor('hearingChanged', (h) => h.sittingInPrivate === true, APPLIED_WITHIN_MS);
    expect(told.sittingInPrivate).toBe(true);
    await notices.waitFor('orders', f.hearingId);
    const seen = await gallery.call('getRoomState');
    expect(seen.participants.map((p) => p.id).sort()).toEqual([observerId, f.judge.participantId].sort());
    expect(seen.participants.find((p) => p.id === f.judge.participantId)?.displayName).toBeNull();
    expect(
      media.rooms
        .room(f.hearingId)
        ?.existingGrants()
        .filter((g) => g.viewerId === observerId),
    ).toEqual([]);

    const revoked = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders/${order.id}/revoke`, {
      token: f.judge.token,
      body: { reason: 'That part of the evidence is over.' },
    });
    expect(revoked.status).toBe(200);
    await gallery.waitFor('hearingChanged', (h) => h.sittingInPrivate === false);
    expect((await gallery.call('getRoomState')).participants.length).toBeGreaterThan(2);
  });

  it('an anonymity order keeps her name and that she is the victim from the defendant, counsel and the gallery, in every frame', async () => {
    const { f, judge, counsel, defendant, gallery } = await sittingCourt();
    await makeOrder(f, {
      kind: 'anonymity',
      participantId: f.victimId,
      pseudonym: PROTECTED_PSEUDONYM,
      picture: 'silhouette',
      reason: 'Real risk of reprisals against the witness and her family.',
    });
    await judge.call('muteParticipant', { participantId: f.victimId });
    await judge.call('askToUnmute', { participantId: f.victimId });
    for (const client of [counsel, defendant, gallery]) {
      const state = await client.call('getRoomState');
      const frames = JSON.stringify(client.notifications) + JSON.stringify(state);
      expect(frames).not.toContain(PROTECTED_REAL_NAME);
      expect(frames).not.toContain('"victim"');
      expect(state.participants.find((p) => p.id === f.victimId)).toMatchObject({ displayName: PROTECTED_PSEUDONYM, role: 'witness' });
    }
    const bench = await judge.call('getRoomState');
    expect(bench.participants.find((p) => p.id === f.victimId)).toMatchObject({ displayName: PROTECTED_REAL_NAME, role: 'victim' });
    // The REST view of the hearing too: a clerk the order does not name reads the pseudonym; the judge the name.
    const asClerk = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.clerk.token });
    expect(JSON.stringify(asClerk.body)).not.toContain(PROTECTED_REAL_NAME);
    const asJudge = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.judge.token });
    expect(asJudge.body.participants.find((p: { id: string }) => p.id === f.victimId)?.displayName).toBe(PROTECTED_REAL_NAME);
  });

  it('a remote witness room is shown to the bench only', async () => {
    const { f, judge, counsel, gallery } = await sittingCourt();
    await makeOrder(f, {
      kind: 'remote_witness_room',
      participantId: f.victimId,
      location: 'Witness suite 2, Central Shelter',
      reason: 'She gives evidence from the shelter’s live-link room.',
    });
    await judge.waitFor('participantsChanged', (c) =>
      c.changed.some((p) => p.id === f.victimId && p.remoteLocation === 'Witness suite 2, Central Shelter'),
    );
    for (const client of [counsel, gallery]) {
      await client.call('getRoomState');
      expect(JSON.stringify(client.notifications)).not.toContain('Central Shelter');
      expect(JSON.stringify(await client.call('getRoomState'))).not.toContain('Central Shelter');
    }
  });

  it('"I need a break" reaches the judge alone', async () => {
    const { f, judge, counsel, defendant, gallery, victim } = await sittingCourt();
    await victim.call('requestBreak');
    expect(await judge.waitFor('breakRequested')).toEqual({ participantId: f.victimId });
    // Whatever else was in flight has arrived: a round trip on each socket.
    for (const client of [counsel, defendant, gallery, victim]) await client.call('getRoomState');
    for (const client of [counsel, defendant, gallery, victim]) expect(client.received('breakRequested')).toEqual([]);
    const refused = await gallery.request('requestBreak');
    expect(refused).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
  });

  it('a supporter consults only the witness she supports, and comes with her into the judge’s conference', async () => {
    const { f, judge, defendant } = await sittingCourt();
    const supporterRow = await createParticipant({ hearingId: f.hearingId, hearingRole: 'supporter', displayName: 'Support worker' });
    await makeOrder(f, {
      kind: 'supporter',
      participantId: f.victimId,
      supporterId: supporterRow.id,
      capacity: 'supporter',
      reason: 'The victim asked for her support worker to be beside her.',
    });
    await ordersApplied(f, 1);
    const supporter = await byLink(f, supporterRow.id);
    await judge.call('admit', { participantId: supporterRow.id });
    const refused = await supporter.request('openConsultation', { memberIds: [f.defendantId] });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'consultation.forbidden', message: 'A supporter may consult only the witness they support.' },
    });
    const { consultationId } = await supporter.call('openConsultation', { memberIds: [f.victimId] });
    await supporter.call('closeConsultation', { consultationId });
    // The bench may confer with anyone; her supporter comes along.
    const conference = await judge.call('openConsultation', { memberIds: [f.victimId] });
    const bench = await judge.call('getRoomState');
    expect(
      bench.participants
        .filter((p) => p.consultationId === conference.consultationId)
        .map((p) => p.id)
        .sort(),
    ).toEqual([f.judge.participantId, f.victimId, supporterRow.id].sort());
    // The defendant is told only that they are away, not with whom.
    const seen = await defendant.call('getRoomState');
    expect(seen.participants.find((p) => p.id === f.victimId)).not.toHaveProperty('consultationId');
  });

  it('counsel consult only their own client; a screen keeps even the judge from putting two people in one room', async () => {
    const { f, judge, counsel } = await sittingCourt();
    const refused = await counsel.request('openConsultation', { memberIds: [f.victimId] });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'consultation.forbidden', message: 'Counsel may consult only their own client in private.' },
    });
    const { consultationId } = await counsel.call('openConsultation', { memberIds: [f.defendantId] });
    // The bench sees that it runs and who is in it.
    const bench = await judge.call('getRoomState');
    expect(
      bench.participants
        .filter((p) => p.consultationId === consultationId)
        .map((p) => p.id)
        .sort(),
    ).toEqual([f.counsel.participantId, f.defendantId].sort());
    await counsel.call('closeConsultation', { consultationId });

    await makeOrder(f, {
      kind: 'screen',
      participantId: f.victimId,
      fromRoles: ['defendant'],
      fromParticipantIds: [],
      reason: 'The victim is afraid of the defendant.',
    });
    await ordersApplied(f, 1);
    const screened = await judge.request('openConsultation', { memberIds: [f.victimId, f.defendantId] });
    expect(screened).toMatchObject({ ok: false, error: { code: 'consultation.forbidden' } });
  });
});
