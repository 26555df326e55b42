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

  it('pages by the shared bounds: a window by limit and offset, a 400 beyond them', async () => {
    const interpreter = await createUser({ roles: ['interpreter'] });
    const clerk = await createUser({ roles: ['clerk'], courtId: interpreter.courtId });
    const c = await createCase({ courtId: interpreter.courtId, caseType: 'trafficking' });
    const hearings = [];
    for (const startInMinutes of [30, 60, 90]) {
      const h = await createHearing({ caseId: c.id, courtId: c.courtId, startInMinutes });
      await createParticipant({ hearingId: h.id, hearingRole: 'interpreter', userId: interpreter.id });
      hearings.push(h);
    }
    const { accessToken } = await login(api.baseUrl, interpreter.email, interpreter.password);
    const window = await http(api.baseUrl, 'GET', '/api/hearings/mine?limit=1&offset=1', { token: accessToken });
    expect(window.status).toBe(200);
    expect(window.body.map((h: { id: string }) => h.id)).toEqual([hearings[1].id]);

    const clerkToken = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
    const oneOfToday = await http(api.baseUrl, 'GET', '/api/hearings/today?limit=1', { token: clerkToken });
    expect(oneOfToday.status).toBe(200);
    expect(oneOfToday.body.length).toBeLessThanOrEqual(1);
    for (const [path, token, field] of [
      ['/api/hearings/mine?limit=201', accessToken, 'limit'],
      ['/api/hearings/mine?offset=1e20', accessToken, 'offset'],
      ['/api/hearings/today?limit=0', clerkToken, 'limit'],
      ['/api/hearings/today?offset=-1', clerkToken, 'offset'],
    ]) {
      const res = await http(api.baseUrl, 'GET', path, { token });
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'validation_failed' });
      expect(JSON.stringify(res.body)).toContain(field);
    }
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
