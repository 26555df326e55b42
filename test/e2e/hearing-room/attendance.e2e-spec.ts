// Who may attend a hearing, and who sits on its bench, through the real api, media node,
// PostgreSQL and Redis. An observer (the press) added to a hearing of a confidential case is
// accepted with a warning, joins only once the presiding judge gives leave by an attendance order,
// and loses the seat the moment that order is revoked. Bench roles must match the account's roles
// and court; only the presiding judge joins a hearing they are not listed in; a judge added to the
// panel sits without the presiding judge's acts on the sitting.
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCase,
  createHearing,
  createParticipant,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
  uniqueSuffix,
} from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import {
  type HearingRoomFixture,
  auditActions,
  createHearingRoomFixture,
  enter,
  hearingRow,
  joinTicket,
  linkSession,
} from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { HearingNotices } from '@ejustice/testing/media/hearing-notices';

jest.setTimeout(60_000);

describe('attendance and the bench (e2e)', () => {
  const pool = `e2e-attendance-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let notices: HearingNotices;
  const clients: HearingClient[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool } });
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

  async function enterAs(bearer: string, hearingId: string) {
    const entered = await enter(api.baseUrl, bearer, hearingId);
    clients.push(entered.client);
    return entered;
  }

  /** An account of the fixture's court (or of `courtId`), signed in. */
  async function account(f: HearingRoomFixture, roles: TestUser['roles'], courtId = f.judge.courtId) {
    const user = await createUser({ roles, courtId });
    return { ...user, token: (await login(api.baseUrl, user.email, user.password)).accessToken };
  }

  const addParticipant = (hearingId: string, body: Record<string, unknown>, token: string) =>
    http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants`, { token, body });
  const ticket = (hearingId: string, bearer: string) =>
    http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/join-ticket`, { token: bearer });
  const makeOrder = (f: HearingRoomFixture, body: Record<string, unknown>, token = f.judge.token) =>
    http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, { token, body });
  const revokeOrder = (f: HearingRoomFixture, orderId: string, token = f.judge.token) =>
    http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders/${orderId}/revoke`, {
      token,
      body: { reason: 'Reporting restrictions' },
    });

  async function participantsOf(hearingId: string): Promise<{ user_id: string | null; hearing_role: string }[]> {
    const { rows } = await testDb().query(
      'SELECT user_id, hearing_role FROM hearing_participants WHERE hearing_id = $1 ORDER BY created_at',
      [hearingId],
    );
    return rows;
  }

  describe('a hearing of confidential matter', () => {
    it('takes an observer with a warning, admits them only on the presiding judge’s order, and ends their seat when it is revoked', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const press = await account(f, ['observer']);

      const added = await addParticipant(
        f.hearingId,
        { hearingRole: 'observer', displayName: 'Press reporter', userId: press.id },
        f.clerk.token,
      );
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ hearingRole: 'observer', state: 'invited' });
      expect(added.body.warnings).toEqual([{ code: 'hearing.attendance_needs_leave', message: expect.stringMatching(/presiding judge/) }]);

      const refused = await ticket(f.hearingId, press.token);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'hearing.attendance_not_allowed', detail: expect.stringMatching(/presiding judge/) });

      // Leave is a judicial decision: the clerk who listed them cannot give it.
      const byClerk = await makeOrder(f, { kind: 'attendance', participantId: added.body.id, reason: 'Press' }, f.clerk.token);
      expect(byClerk.status).toBe(403);
      expect(byClerk.body.code).toBe('order.forbidden');

      const order = await makeOrder(f, { kind: 'attendance', participantId: added.body.id, reason: 'The press may report, without names' });
      expect(order.status).toBe(201);
      expect(order.body).toMatchObject({ kind: 'attendance', participantId: added.body.id, terms: {}, inForce: true });
      const made = (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.order_made');
      expect(made).toEqual([
        expect.objectContaining({ actor_id: f.judge.id, subject_id: order.body.id, data: expect.objectContaining({ kind: 'attendance' }) }),
      ]);

      const allowed = await joinTicket(api.baseUrl, press.token, f.hearingId);
      expect(allowed).toMatchObject({ participantId: added.body.id, hearingRole: 'observer' });
      const judge = await enterAs(f.judge.token, f.hearingId);
      const gallery = await enterAs(press.token, f.hearingId);
      expect(gallery.joined.self.state).toBe('waiting');
      // Leave to attend is not a media measure: the room's media policy never sees it.
      expect(media.rooms.room(f.hearingId)?.snapshotState().orders).toEqual([]);

      const revoked = await revokeOrder(f, order.body.id);
      expect(revoked.status).toBe(200);
      await expect(gallery.client.waitFor('sessionEnded', () => true, 5_000)).resolves.toMatchObject({
        reason: 'token_revoked',
        code: 'hearing.attendance_not_allowed',
      });
      await gallery.client.disconnected;
      const again = await ticket(f.hearingId, press.token);
      expect(again.status).toBe(403);
      expect(again.body.code).toBe('hearing.attendance_not_allowed');
      // The court sits on.
      await expect(judge.client.call('getRoomState')).resolves.toBeDefined();
      expect(judge.client.received('sessionEnded')).toEqual([]);
    });

    it('seats a supporter who came by link only beside her witness, under the order that puts her there', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const added = await addParticipant(f.hearingId, { hearingRole: 'supporter', displayName: 'Support worker' }, f.clerk.token);
      expect(added.status).toBe(201);
      expect(added.body.warnings.map((w: { code: string }) => w.code)).toEqual(['hearing.attendance_needs_leave']);
      const { sessionToken } = await linkSession(api.baseUrl, f, added.body.id);
      expect((await ticket(f.hearingId, sessionToken)).body.code).toBe('hearing.attendance_not_allowed');

      const order = await makeOrder(f, {
        kind: 'supporter',
        participantId: f.victimId,
        supporterId: added.body.id,
        capacity: 'supporter',
        reason: 'The victim asked for her support worker',
      });
      expect(order.status).toBe(201);
      expect(await joinTicket(api.baseUrl, sessionToken, f.hearingId)).toMatchObject({
        participantId: added.body.id,
        hearingRole: 'supporter',
      });
    });

    it('lets the parties, their counsel and the witnesses in by right', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      expect((await joinTicket(api.baseUrl, f.counsel.token, f.hearingId)).hearingRole).toBe('defence_counsel');
      for (const participantId of [f.witnessId, f.victimId, f.defendantId]) {
        const { sessionToken } = await linkSession(api.baseUrl, f, participantId);
        expect((await joinTicket(api.baseUrl, sessionToken, f.hearingId)).participantId).toBe(participantId);
      }
    });
  });

  it('lets an observer into a hearing of a public case without an order, and warns of nothing', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const c = await createCase({ courtId: f.judge.courtId, caseType: 'civil', confidentiality: 'public' });
    const hearing = await createHearing({ caseId: c.id, courtId: f.judge.courtId, startInMinutes: 600 });
    const press = await account(f, ['observer']);
    const added = await addParticipant(
      hearing.id,
      { hearingRole: 'observer', displayName: 'Press reporter', userId: press.id },
      f.clerk.token,
    );
    expect(added.status).toBe(201);
    expect(added.body.warnings).toEqual([]);
    expect(await joinTicket(api.baseUrl, press.token, hearing.id)).toMatchObject({ participantId: added.body.id, hearingRole: 'observer' });
  });

  it('ends the seat of an observer without leave the moment the judge makes the case confidential; the parties sit on', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const c = await createCase({ courtId: f.judge.courtId, caseType: 'civil', confidentiality: 'public' });
    const hearing = await createHearing({ caseId: c.id, courtId: f.judge.courtId, presidingJudgeId: f.judge.id, startInMinutes: 600 });
    const press = await account(f, ['observer']);
    const added = await addParticipant(
      hearing.id,
      { hearingRole: 'observer', displayName: 'Press reporter', userId: press.id },
      f.clerk.token,
    );
    expect(added.status).toBe(201);
    const judge = await enterAs(f.judge.token, hearing.id);
    const gallery = await enterAs(press.token, hearing.id);

    const restricted = await http(api.baseUrl, 'POST', `/api/cases/${c.id}/confidentiality`, {
      token: f.judge.token,
      body: { confidentiality: 'confidential', reason: 'A child witness will testify' },
    });
    expect(restricted.status).toBe(200);
    // On the api's access notice (nothing else ends a live connection: without it, it lasts until
    // its holder reconnects), so the bound only keeps a broken push from hanging the test; the
    // notice itself is checked rather than a stopwatch that a loaded machine breaks.
    await expect(gallery.client.waitFor('sessionEnded', () => true, 15_000)).resolves.toMatchObject({
      reason: 'token_revoked',
      code: 'hearing.attendance_not_allowed',
    });
    await notices.waitFor('access', hearing.id);
    await gallery.client.disconnected;
    expect((await ticket(hearing.id, press.token)).body.code).toBe('hearing.attendance_not_allowed');
    await expect(judge.client.call('getRoomState')).resolves.toBeDefined();
    expect(judge.client.received('sessionEnded')).toEqual([]);
  });

  describe('the bench', () => {
    it('is refused to an account of another court, to one without the role, and to no account at all; nothing is written', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const before = await participantsOf(f.hearingId);
      const auditBefore = (await auditActions(f.hearingId)).length;
      const foreignJudge = await createUser({ roles: ['judge'] });
      const press = await account(f, ['observer']);

      const cases: [string, Record<string, unknown>, number, string][] = [
        ['a judge of another court', { hearingRole: 'judge', userId: foreignJudge.id }, 409, 'hearing.account_not_in_court'],
        ['an observer account as judge', { hearingRole: 'judge', userId: press.id }, 409, 'hearing.role_not_held'],
        ['a counsel account as clerk', { hearingRole: 'clerk', userId: f.counsel.id }, 409, 'hearing.role_not_held'],
        ['a clerk account as judge', { hearingRole: 'judge', userId: f.clerk.id }, 409, 'hearing.role_not_held'],
        ['an observer account as prosecutor', { hearingRole: 'prosecutor', userId: press.id }, 409, 'hearing.role_not_held'],
        ['a judge without an account', { hearingRole: 'judge' }, 400, 'hearing.bench_needs_account'],
        ['a clerk without an account', { hearingRole: 'clerk' }, 400, 'hearing.bench_needs_account'],
      ];
      for (const [what, body, status, code] of cases) {
        const res = await addParticipant(f.hearingId, { displayName: `Someone ${uniqueSuffix()}`, ...body }, f.clerk.token);
        expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
        expect(res.body.detail).toEqual(expect.any(String));
      }
      expect(await participantsOf(f.hearingId)).toEqual(before);
      expect((await auditActions(f.hearingId)).length).toBe(auditBefore);
    });

    it('does not let a judge of the court who neither presides nor was added join; added to the panel, they sit without the acts on the sitting', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const colleague = await account(f, ['judge']);

      const refused = await ticket(f.hearingId, colleague.token);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('hearing.not_found');
      expect((await participantsOf(f.hearingId)).filter((p) => p.user_id === colleague.id)).toEqual([]);

      const added = await addParticipant(
        f.hearingId,
        { hearingRole: 'judge', userId: colleague.id, displayName: colleague.displayName },
        f.clerk.token,
      );
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ hearingRole: 'judge', presiding: false, warnings: [] });
      const audit = (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.participant_added');
      expect(audit).toEqual([
        expect.objectContaining({ subject_id: added.body.id, data: expect.objectContaining({ hearingRole: 'judge', presiding: false }) }),
      ]);

      const presiding = await enterAs(f.judge.token, f.hearingId);
      const panel = await enterAs(colleague.token, f.hearingId);
      expect(panel.joined.self).toMatchObject({ id: added.body.id, role: 'judge', state: 'admitted' });
      expect(await panel.client.request('openHearing')).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      expect((await hearingRow(f.hearingId)).status).toBe('scheduled');
      await presiding.client.call('openHearing');
      expect(await panel.client.request('adjournHearing')).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      expect(await panel.client.request('closeHearing')).toMatchObject({ ok: false, error: { code: 'room.forbidden' } });
      expect((await hearingRow(f.hearingId)).status).toBe('open');
    });

    it('names the first judge added to a hearing without a presiding judge to preside; the presiding judge joins unlisted', async () => {
      const f = await createHearingRoomFixture(api.baseUrl);
      const first = await account(f, ['judge']);
      const second = await account(f, ['judge']);
      // The fixture's other hearing has nobody presiding.
      const named = await addParticipant(
        f.otherHearingId,
        { hearingRole: 'judge', userId: first.id, displayName: first.displayName },
        f.clerk.token,
      );
      expect(named.status).toBe(201);
      expect(named.body.presiding).toBe(true);
      const { rows } = await testDb().query('SELECT presiding_judge_id FROM hearings WHERE id = $1', [f.otherHearingId]);
      expect(rows[0].presiding_judge_id).toBe(first.id);
      expect((await auditActions(f.otherHearingId)).map((e) => e.action)).toEqual([
        'hearing.participant_added',
        'hearing.presiding_judge_named',
      ]);
      const panel = await addParticipant(
        f.otherHearingId,
        { hearingRole: 'judge', userId: second.id, displayName: second.displayName },
        f.clerk.token,
      );
      expect(panel.body.presiding).toBe(false);

      // Listed on the hearing as its presiding judge, but not (yet) among its participants: they join as judge.
      const c = await createCase({ courtId: f.judge.courtId, confidentiality: 'sealed' });
      const hearing = await createHearing({ caseId: c.id, courtId: f.judge.courtId, presidingJudgeId: second.id, startInMinutes: 900 });
      const joined = await joinTicket(api.baseUrl, second.token, hearing.id);
      expect(joined.hearingRole).toBe('judge');
      expect(await participantsOf(hearing.id)).toEqual([{ user_id: second.id, hearing_role: 'judge' }]);
      // The clerk of the court still joins to run the room.
      expect((await joinTicket(api.baseUrl, f.clerk.token, hearing.id)).hearingRole).toBe('clerk');
      // Another judge of the court does not.
      expect((await ticket(hearing.id, first.token)).status).toBe(404);
    });
  });

  it('keeps non-parties added straight to the record out too (an observer listed by a hand-written row)', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const press = await account(f, ['observer']);
    await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', userId: press.id });
    expect((await ticket(f.hearingId, press.token)).body.code).toBe('hearing.attendance_not_allowed');
  });
});
