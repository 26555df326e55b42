import {
  type RunningApi,
  closeTestDb,
  createParticipant,
  createSummonses,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import {
  type HearingRoomFixture,
  auditActions,
  createHearingRoomFixture,
  linkSession,
  participantState,
} from '@ejustice/testing/media/hearing-room';

/*
 * A seat added by mistake, withdrawn from the hearing's page before its holder joins: the seat
 * reads removed, every link of theirs stops working (a session opened with one included), the
 * audit trail says who did it, and the person can be seated again. Someone who has been in the
 * room is removed there, not here; nobody removes a judge. A refusal writes nothing.
 * The live room's side (a room told to drop the line) is in hearing-room/signalling.e2e-spec.ts.
 */
describe('withdrawing a seat before its holder joins (e2e)', () => {
  let api: RunningApi;

  const withdraw = (f: HearingRoomFixture, participantId: string, token = f.clerk.token) =>
    http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${participantId}/withdraw`, { token });
  const removals = async (f: HearingRoomFixture) =>
    (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.participant_removed').length;

  beforeAll(async () => {
    api = await startApiServer();
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('withdraws a witness’s seat: removed, their links and the session one opened stop working, on the audit trail', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
    const unused = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${f.witnessId}/links`, {
      token: f.clerk.token,
      body: {},
    });
    expect(unused.status).toBe(201);
    // An older link that expired unused, never revoked: it goes too, but it worked no more.
    await testDb().query(
      `INSERT INTO hearing_links (hearing_id, participant_id, token_hash, created_by, created_at, expires_at)
       VALUES ($1, $2, encode(sha256(convert_to($3, 'UTF8')), 'hex'), $4, now() - interval '3 days', now() - interval '1 day')`,
      [f.hearingId, f.witnessId, `expired-${f.witnessId}`, f.clerk.id],
    );

    const res = await withdraw(f, f.witnessId);
    expect(res.status).toBe(200);
    // The exchanged link was replaced by the second; the second was still live.
    expect(res.body).toEqual({ participantId: f.witnessId, linksRevoked: 1, summonsDelivered: false });
    expect(await participantState(f.witnessId)).toBe('removed');
    const { rows: live } = await testDb().query(
      'SELECT count(*)::int AS n FROM hearing_links WHERE participant_id = $1 AND revoked_at IS NULL',
      [f.witnessId],
    );
    expect(live[0].n).toBe(0);

    // Neither the link not yet used nor the session opened with the first gets them in.
    const exchanged = await http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: unused.body.token } });
    expect(exchanged.status).toBe(410);
    expect(exchanged.body.code).toBe('hearing_link.revoked');
    const ticket = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: sessionToken });
    expect(ticket.status).toBe(410);
    expect(ticket.body.code).toBe('hearing_link.revoked');
    // Nor can a new link be issued to a seat that is gone.
    const again = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${f.witnessId}/links`, {
      token: f.clerk.token,
      body: {},
    });
    expect(again.body.code).toBe('hearing.participant_removed');

    const [event] = (await auditActions(f.hearingId)).filter((e) => e.action === 'hearing.participant_removed');
    expect(event).toMatchObject({
      subject_id: f.witnessId,
      actor_type: 'user',
      actor_id: f.clerk.id,
      data: { hearingRole: 'witness', from: 'invited', to: 'removed', withdrawn: true, linksRevoked: 1 },
    });
    // Never a name in the audit trail.
    expect(JSON.stringify(event)).not.toMatch(/Witness/);

    // The bench's page lists the seat as removed.
    const detail = await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}`, { token: f.clerk.token });
    expect(detail.body.participants.find((p: { id: string }) => p.id === f.witnessId)).toMatchObject({ state: 'removed' });
  });

  it('takes the seat’s summons off the clerk’s queue: nobody is told to come to a hearing they no longer sit in', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    // As a publication leaves them: one for the witness, one for the victim (who keeps hers).
    const summons = await createSummonses({ hearingId: f.hearingId, participantIds: [f.witnessId, f.victimId], requestedBy: f.clerk.id });
    const witnessSummons = summons.get(f.witnessId);
    const pending = async () =>
      (await http(api.baseUrl, 'GET', `/api/courts/${f.clerk.courtId}/summonses?status=pending`, { token: f.clerk.token })).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await pending()).toContain(witnessSummons);

    const withdrawn = await withdraw(f, f.witnessId);
    expect(withdrawn.body).toMatchObject({ summonsDelivered: false });
    expect(await pending()).not.toContain(witnessSummons);
    expect(await pending()).toHaveLength(1);
    const delivered = await http(api.baseUrl, 'POST', `/api/summonses/${witnessSummons}/delivery`, {
      token: f.clerk.token,
      body: { method: 'phone', note: null },
    });
    expect(delivered.status).toBe(409);
    expect(delivered.body.code).toBe('summons.seat_removed');

    // The victim was told to come: withdrawing her seat says so, for the court to tell her she need not.
    const victimSummons = summons.get(f.victimId);
    expect(
      (
        await http(api.baseUrl, 'POST', `/api/summonses/${victimSummons}/delivery`, {
          token: f.clerk.token,
          body: { method: 'phone', note: null },
        })
      ).status,
    ).toBe(200);
    const told = await withdraw(f, f.victimId);
    expect(told.body).toMatchObject({ participantId: f.victimId, summonsDelivered: true });
  });

  it('keeps on the queue the summons that tells someone stood down they are no longer needed', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    // As a re-plan leaves it for an interpreter told to come and then stood down: the seat removed,
    // and a 'released' summons for the clerk to tell them so.
    const stoodDown = await createParticipant({
      hearingId: f.hearingId,
      hearingRole: 'interpreter',
      displayName: 'Stood down',
      state: 'removed',
    });
    const released = (
      await createSummonses({ hearingId: f.hearingId, participantIds: [stoodDown.id], requestedBy: f.clerk.id, reason: 'released' })
    ).get(stoodDown.id);
    const pending = await http(api.baseUrl, 'GET', `/api/courts/${f.clerk.courtId}/summonses?status=pending`, { token: f.clerk.token });
    expect(pending.body.items.map((i: { id: string; reason: string }) => [i.id, i.reason])).toEqual([[released, 'released']]);
    const delivered = await http(api.baseUrl, 'POST', `/api/summonses/${released}/delivery`, {
      token: f.clerk.token,
      body: { method: 'phone', note: null },
    });
    expect(delivered.status).toBe(200);
  });

  it('seats a party again once their mistaken seat is withdrawn', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const { rows } = await testDb().query('SELECT party_id FROM hearing_participants WHERE id = $1', [f.defendantId]);
    const seat = () =>
      http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants`, {
        token: f.clerk.token,
        body: { hearingRole: 'defendant', displayName: 'Karim Defendant', partyId: rows[0].party_id },
      });
    expect((await seat()).body.code).toBe('hearing.already_participant');
    expect((await withdraw(f, f.defendantId)).status).toBe(200);
    expect((await seat()).status).toBe(201);
  });

  it('refuses, writing nothing: someone who has been in the room, a judge, a seat gone already, a closed hearing', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const before = await removals(f);

    // Dropped from the room earlier: the bench removes them in the room, where the connection is.
    await testDb().query(`UPDATE hearing_participants SET state = 'disconnected' WHERE id = $1`, [f.victimId]);
    const joined = await withdraw(f, f.victimId);
    expect(joined.status).toBe(409);
    expect(joined.body).toMatchObject({ code: 'hearing.participant_joined', detail: expect.stringMatching(/hearing room/) });
    expect(await participantState(f.victimId)).toBe('disconnected');

    const judge = await withdraw(f, f.judge.participantId);
    expect(judge.status).toBe(409);
    expect(judge.body.code).toBe('hearing.judge_seat_kept');
    expect(await participantState(f.judge.participantId)).toBe('invited');

    expect((await withdraw(f, f.witnessId)).status).toBe(200);
    const twice = await withdraw(f, f.witnessId);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('hearing.participant_already_removed');
    expect(await removals(f)).toBe(before + 1);

    await testDb().query(`UPDATE hearings SET status = 'closed' WHERE id = $1`, [f.hearingId]);
    const closed = await withdraw(f, f.defendantId);
    expect(closed.status).toBe(410);
    expect(closed.body.code).toBe('hearing.closed');
    expect(await participantState(f.defendantId)).toBe('invited');
    expect(await removals(f)).toBe(before + 1);
  });

  it('is the court’s: counsel are refused, another court’s clerk and another hearing’s participant are not found', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const counsel = await withdraw(f, f.witnessId, f.counsel.token);
    expect(counsel.status).toBe(403);
    const other = await createHearingRoomFixture(api.baseUrl);
    const elsewhere = await withdraw(f, f.witnessId, other.clerk.token);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('hearing.not_found');
    const notHere = await withdraw(f, other.witnessId);
    expect(notHere.status).toBe(404);
    expect(notHere.body.code).toBe('hearing.participant_not_found');
    // A judge of the court may (not only the one presiding).
    const panel = await createUser({
      roles: ['judge'],
      courtId: f.clerk.courtId,
    });
    const judgeToken = (await login(api.baseUrl, panel.email, panel.password)).accessToken;
    expect(await participantState(f.witnessId)).toBe('invited');
    expect((await withdraw(f, f.witnessId, judgeToken)).status).toBe(200);
  });
});
