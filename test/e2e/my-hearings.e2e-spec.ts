import {
  type RunningApi,
  closeTestDb,
  createCase,
  createHearing,
  createParticipant,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';

describe('my hearings (e2e)', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApiServer();
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('lists the hearings an interpreter is listed in that are still to come, soonest first', async () => {
    const interpreter = await createUser({ roles: ['interpreter'] });
    const other = await createUser({ roles: ['interpreter'], courtId: interpreter.courtId });
    const c = await createCase({ courtId: interpreter.courtId, caseType: 'trafficking' });
    const later = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes: 3 * 24 * 60 });
    const soon = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes: 30 });
    const closed = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes: 60, status: 'closed' });
    const past = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes: -24 * 60 });
    const removedFrom = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes: 90 });
    const notListed = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes: 45 });
    for (const h of [later, soon, closed, past])
      await createParticipant({ hearingId: h.id, hearingRole: 'interpreter', userId: interpreter.id });
    await createParticipant({ hearingId: removedFrom.id, hearingRole: 'interpreter', userId: interpreter.id, state: 'removed' });
    await createParticipant({ hearingId: notListed.id, hearingRole: 'interpreter', userId: other.id });

    const { accessToken } = await login(api.baseUrl, interpreter.email, interpreter.password);
    const res = await http(api.baseUrl, 'GET', '/api/hearings/mine', { token: accessToken });
    expect(res.status).toBe(200);
    expect(res.body.map((h: { id: string }) => h.id)).toEqual([soon.id, later.id]);
    expect(res.body[0]).toMatchObject({ hearingRole: 'interpreter', status: 'scheduled', case: { id: c.id, number: c.number } });
  });

  it('is empty for an account listed in no hearing', async () => {
    const counsel = await createUser({ roles: ['counsel'] });
    const { accessToken } = await login(api.baseUrl, counsel.email, counsel.password);
    const res = await http(api.baseUrl, 'GET', '/api/hearings/mine', { token: accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const { rows } = await testDb().query('SELECT count(*)::int AS n FROM hearing_participants WHERE user_id = $1', [counsel.id]);
    expect(rows[0].n).toBe(0);
  });
});
