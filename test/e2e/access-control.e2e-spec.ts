import {
  type RunningApi,
  type TestCase,
  type TestUser,
  closeTestDb,
  createCase,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';

describe('roles and relations to a case (e2e)', () => {
  let api: RunningApi;
  let judge: TestUser;
  let clerk: TestUser;
  let defenceCounsel: TestUser;
  let prosecutor: TestUser;
  let filer: TestUser;
  let neighbour: TestUser;
  let traffickingCase: TestCase;
  let neighboursCase: TestCase;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApiServer();
    judge = await createUser({ roles: ['judge'] });
    const courtId = judge.courtId;
    clerk = await createUser({ roles: ['clerk'], courtId });
    defenceCounsel = await createUser({ roles: ['counsel'], courtId });
    prosecutor = await createUser({ roles: ['prosecutor'], courtId });
    filer = await createUser({ roles: ['party'], courtId });
    neighbour = await createUser({ roles: ['party'], courtId });
    traffickingCase = await createCase({
      courtId,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      parties: [
        { partyRole: 'victim', fullName: 'Mariam Yousef Khalil', isProtected: true, pseudonym: 'Victim V-1' },
        { partyRole: 'prosecution', fullName: 'Public Prosecution', counselUserId: prosecutor.id },
        { partyRole: 'defendant', fullName: 'Karim Dahan', userId: filer.id, counselUserId: defenceCounsel.id },
      ],
    });
    neighboursCase = await createCase({
      courtId,
      caseType: 'civil',
      parties: [{ partyRole: 'plaintiff', fullName: 'Nadia Salem', userId: neighbour.id }],
    });
    for (const u of [judge, clerk, defenceCounsel, prosecutor, filer, neighbour])
      tokens[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('gives a clerk calling a judge-only endpoint a 403, and changes nothing', async () => {
    const res = await http(api.baseUrl, 'POST', `/api/cases/${traffickingCase.id}/confidentiality`, {
      token: tokens[clerk.id],
      body: { confidentiality: 'sealed', reason: 'Protect the victim' },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'auth.forbidden', type: 'urn:ejustice:problem:auth.forbidden' });
    const { rows } = await testDb().query('SELECT confidentiality FROM cases WHERE id = $1', [traffickingCase.id]);
    expect(rows[0].confidentiality).toBe('confidential');
  });

  it('lets the judge seal the case, and audits the order with its reason', async () => {
    const res = await http(api.baseUrl, 'POST', `/api/cases/${traffickingCase.id}/confidentiality`, {
      token: tokens[judge.id],
      body: { confidentiality: 'sealed', reason: 'Protect the victim' },
    });
    expect(res.status).toBe(200);
    expect(res.body.confidentiality).toBe('sealed');
    const { rows } = await testDb().query(
      `SELECT actor_id, data FROM audit_events WHERE action = 'case.confidentiality_changed' AND case_id = $1`,
      [traffickingCase.id],
    );
    expect(rows).toEqual([{ actor_id: judge.id, data: { from: 'confidential', to: 'sealed', reason: 'Protect the victim' } }]);
  });

  it('gives a party asking for someone else’s case a 404, exactly as for a case that does not exist', async () => {
    const foreign = await http(api.baseUrl, 'GET', `/api/cases/${neighboursCase.id}`, { token: tokens[filer.id] });
    const missing = await http(api.baseUrl, 'GET', `/api/cases/00000000-0000-4000-8000-000000000000`, { token: tokens[filer.id] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('case.not_found');
    expect(foreign.body.detail).toBe(missing.body.detail);
    expect((await http(api.baseUrl, 'GET', `/api/cases/${neighboursCase.id}`, { token: tokens[neighbour.id] })).status).toBe(200);
  });

  it('lists for a party their own cases only, and for the court all of them', async () => {
    const mine = await http(api.baseUrl, 'GET', '/api/cases', { token: tokens[filer.id] });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([traffickingCase.id]);
    const court = await http(api.baseUrl, 'GET', '/api/cases', { token: tokens[clerk.id] });
    expect(court.body.items.map((c: { id: string }) => c.id).sort()).toEqual([traffickingCase.id, neighboursCase.id].sort());
  });

  it('never sends the protected victim’s real name to defence counsel or the defendant', async () => {
    for (const viewer of [defenceCounsel, filer]) {
      const res = await http(api.baseUrl, 'GET', `/api/cases/${traffickingCase.id}`, { token: tokens[viewer.id] });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/Mariam|Khalil|Yousef/);
      expect(res.body.parties).toContainEqual({
        id: traffickingCase.parties[0].id,
        partyRole: 'victim',
        name: 'Victim V-1',
        isProtected: true,
      });
    }
  });

  it('tells the court and the prosecution who the protected victim is', async () => {
    const victim = {
      id: traffickingCase.parties[0].id,
      partyRole: 'victim',
      name: 'Mariam Yousef Khalil',
      isProtected: true,
      pseudonym: 'Victim V-1',
    };
    const forJudge = await http(api.baseUrl, 'GET', `/api/cases/${traffickingCase.id}`, { token: tokens[judge.id] });
    expect(forJudge.body.parties).toContainEqual({ ...victim, accountUserId: null, counselUserId: null, counselName: null });
    const forProsecutor = await http(api.baseUrl, 'GET', `/api/cases/${traffickingCase.id}`, { token: tokens[prosecutor.id] });
    expect(forProsecutor.body.parties).toContainEqual(victim);
  });

  it('names the accounts linked to each party, and their counsel, to the court’s judges and clerks only (a clerk seats counsel by hand)', async () => {
    const defendantId = traffickingCase.parties[2].id;
    for (const viewer of [judge, clerk]) {
      const res = await http(api.baseUrl, 'GET', `/api/cases/${traffickingCase.id}`, { token: tokens[viewer.id] });
      expect(res.status).toBe(200);
      const defendant = res.body.parties.find((p: { id: string }) => p.id === defendantId);
      expect(defendant).toMatchObject({
        accountUserId: filer.id,
        counselUserId: defenceCounsel.id,
        counselName: defenceCounsel.displayName,
      });
    }
    for (const viewer of [defenceCounsel, filer, prosecutor]) {
      const res = await http(api.baseUrl, 'GET', `/api/cases/${traffickingCase.id}`, { token: tokens[viewer.id] });
      expect(res.status).toBe(200);
      for (const party of res.body.parties) {
        expect(party).not.toHaveProperty('accountUserId');
        expect(party).not.toHaveProperty('counselUserId');
        expect(party).not.toHaveProperty('counselName');
      }
    }
  });

  it('answers a malformed id with a coded 400 and an unknown route with a 404 problem', async () => {
    const bad = await http(api.baseUrl, 'GET', '/api/cases/not-a-uuid', { token: tokens[judge.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_id');
    const nothing = await http(api.baseUrl, 'GET', '/api/nothing-here', { token: tokens[judge.id] });
    expect(nothing.status).toBe(404);
    expect(nothing.body.code).toBe('not_found');
  });
});
