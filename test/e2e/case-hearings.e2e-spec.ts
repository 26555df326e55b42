import {
  type RunningApi,
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
} from '@ejustice/testing';

/*
 * A case's hearings, for its court's judges and clerks (the case's page lists them): every one,
 * listed by hand or by the timetable, past and to come, in the order they sit. Anyone else is
 * refused, and another court's case reads as not found.
 */
describe('a case’s hearings (e2e)', () => {
  let api: RunningApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApiServer();
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  const as = async (user: { id: string; email: string; password: string }) =>
    (tokens[user.id] ??= (await login(api.baseUrl, user.email, user.password)).accessToken);

  it('lists every hearing of the case to the court’s clerks and judges, in the order they sit, with their court room', async () => {
    const court = await createCourt();
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    const judge = await createUser({ roles: ['judge'], courtId: court.id });
    const c = await createCase({ courtId: court.id });
    const other = await createCase({ courtId: court.id });
    const later = await createHearing({ caseId: c.id, courtId: court.id, startInMinutes: 3 * 24 * 60 });
    const past = await createHearing({ caseId: c.id, courtId: court.id, startInMinutes: -24 * 60, status: 'closed' });
    const soon = await createHearing({ caseId: c.id, courtId: court.id, startInMinutes: 30 });
    await createHearing({ caseId: other.id, courtId: court.id, startInMinutes: 60 });
    const room = (
      await testDb().query(`INSERT INTO scheduling_rooms (court_id, name, is_virtual) VALUES ($1, 'Courtroom 4', false) RETURNING id`, [
        court.id,
      ])
    ).rows[0].id as string;
    await testDb().query(`UPDATE hearings SET room_id = $1 WHERE id = $2`, [room, soon.id]);

    for (const reader of [clerk, judge]) {
      const res = await http(api.baseUrl, 'GET', `/api/cases/${c.id}/hearings`, { token: await as(reader) });
      expect(res.status).toBe(200);
      expect(res.body.map((h: { id: string }) => h.id)).toEqual([past.id, soon.id, later.id]);
      expect(res.body[0]).toMatchObject({ status: 'closed', case: { id: c.id, number: c.number }, courtRoom: null });
      expect(res.body[1]).toMatchObject({ status: 'scheduled', courtRoom: { id: room, name: 'Courtroom 4', virtual: false } });
    }
    const paged = await http(api.baseUrl, 'GET', `/api/cases/${c.id}/hearings?limit=1&offset=1`, { token: await as(clerk) });
    expect(paged.body.map((h: { id: string }) => h.id)).toEqual([soon.id]);
    const none = await http(api.baseUrl, 'GET', `/api/cases/${other.id}/hearings?offset=1`, { token: await as(clerk) });
    expect(none.body).toEqual([]);
  });

  it('masks a witness’s name in a title for a clerk an anonymity order does not name, and shows it to the judge', async () => {
    const court = await createCourt();
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    const judge = await createUser({ roles: ['judge'], courtId: court.id });
    const c = await createCase({ courtId: court.id, parties: [{ partyRole: 'witness', fullName: 'Mona Aziz' }] });
    const h = await createHearing({ caseId: c.id, courtId: court.id, presidingJudgeId: judge.id });
    await createParticipant({ hearingId: h.id, hearingRole: 'judge', userId: judge.id, displayName: judge.displayName });
    const witness = await createParticipant({
      hearingId: h.id,
      hearingRole: 'witness',
      partyId: c.parties[0].id,
      displayName: 'Mona Aziz',
    });
    await testDb().query(`UPDATE hearings SET title = 'Testimony of Mona Aziz' WHERE id = $1`, [h.id]);
    const order = await http(api.baseUrl, 'POST', `/api/hearings/${h.id}/orders`, {
      token: await as(judge),
      body: { kind: 'anonymity', participantId: witness.id, pseudonym: 'Witness M', reason: 'Threats against the witness.' },
    });
    expect(order.status).toBe(201);

    const forJudge = await http(api.baseUrl, 'GET', `/api/cases/${c.id}/hearings`, { token: await as(judge) });
    expect(forJudge.body[0].title).toBe('Testimony of Mona Aziz');
    const forClerk = await http(api.baseUrl, 'GET', `/api/cases/${c.id}/hearings`, { token: await as(clerk) });
    expect(forClerk.body[0].title).not.toContain('Mona');
    // The list reads the title exactly as the hearing's own page does for this reader.
    const detail = await http(api.baseUrl, 'GET', `/api/hearings/${h.id}`, { token: await as(clerk) });
    expect(forClerk.body[0].title).toBe(detail.body.title);
  });

  it('refuses anyone but the court’s clerks and judges, and answers another court’s case as not found', async () => {
    const court = await createCourt();
    const counsel = await createUser({ roles: ['counsel'], courtId: court.id });
    const c = await createCase({
      courtId: court.id,
      parties: [{ partyRole: 'defendant', fullName: 'Omar Salim', counselUserId: counsel.id }],
    });
    await createHearing({ caseId: c.id, courtId: court.id });
    const refused = await http(api.baseUrl, 'GET', `/api/cases/${c.id}/hearings`, { token: await as(counsel) });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'auth.forbidden' });

    const elsewhere = await createUser({ roles: ['clerk'], courtId: (await createCourt()).id });
    const hidden = await http(api.baseUrl, 'GET', `/api/cases/${c.id}/hearings`, { token: await as(elsewhere) });
    expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: 404, code: 'case.not_found' });
    const bad = await http(api.baseUrl, 'GET', `/api/cases/not-a-uuid/hearings`, { token: await as(elsewhere) });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'invalid_id' });
  });
});
