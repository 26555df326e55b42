import { type RunningApi, closeTestDb, createCase, createCourt, createUser, http, login, startApiServer, testDb } from '@ejustice/testing';

/*
 * A clerk listing a hearing by hand seats one of the court's own interpreters or supporters by id
 * (`courtInterpreterId`, `courtSupporterId`), so that the scheduler knows them busy then. Only an
 * interpreter's seat takes an interpreter, only a supporter's a supporter, only of the hearing's
 * court, and an interpreter only in a language they interpret; a refusal writes nothing.
 */
describe('the court’s interpreters and supporters seated by hand (e2e)', () => {
  let api: RunningApi;
  let hearingId: string;
  let token: string;
  let salem: string;
  let karim: string;
  let otherCourtsInterpreter: string;
  let caseId: string;
  const start = Date.UTC(2031, 3, 7, 9);

  const seat = (body: Record<string, unknown>) => http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants`, { token, body });
  const seats = async () =>
    (await testDb().query('SELECT count(*)::int AS n FROM hearing_participants WHERE hearing_id = $1', [hearingId])).rows[0].n as number;
  /** A hearing listed by hand from `from` to `to` hours after 09:00 on 7 April 2031. */
  async function list(from: number, to: number): Promise<string> {
    const listed = await http(api.baseUrl, 'POST', '/api/hearings', {
      token,
      body: {
        caseId,
        title: 'Listed by hand',
        hearingType: 'trial',
        scheduledStart: new Date(start + from * 3_600_000).toISOString(),
        scheduledEnd: new Date(start + to * 3_600_000).toISOString(),
      },
    });
    expect(listed.status).toBe(201);
    return listed.body.id;
  }
  const one = async (sql: string, params: unknown[]) => (await testDb().query(sql, params)).rows[0].id as string;

  beforeAll(async () => {
    api = await startApiServer();
    const court = await createCourt();
    caseId = (await createCase({ courtId: court.id })).id;
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    token = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
    hearingId = await list(0, 2);
    salem = await one(`INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, 'Salem', '{ar,fr}') RETURNING id`, [
      court.id,
    ]);
    karim = await one(`INSERT INTO court_supporters (court_id, name, role) VALUES ($1, 'Karim', 'supporter') RETURNING id`, [court.id]);
    otherCourtsInterpreter = await one(
      `INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, 'Elsewhere', '{ar}') RETURNING id`,
      [(await createCourt()).id],
    );
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('seats the court’s interpreter in a language they interpret, and its supporter, by id', async () => {
    const interpreter = await seat({ hearingRole: 'interpreter', displayName: 'Salem (fr)', language: 'fr', courtInterpreterId: salem });
    expect(interpreter.status).toBe(201);
    expect(interpreter.body).toMatchObject({
      hearingRole: 'interpreter',
      language: 'fr',
      courtInterpreterId: salem,
      courtSupporterId: null,
    });
    const supporter = await seat({ hearingRole: 'supporter', displayName: 'Karim', courtSupporterId: karim });
    expect(supporter.status).toBe(201);
    expect(supporter.body).toMatchObject({ hearingRole: 'supporter', courtInterpreterId: null, courtSupporterId: karim });
    const { rows } = await testDb().query(
      `SELECT hearing_role, language, court_interpreter_id, court_supporter_id FROM hearing_participants WHERE id = ANY($1::uuid[]) ORDER BY hearing_role`,
      [[interpreter.body.id, supporter.body.id]],
    );
    expect(rows).toEqual([
      { hearing_role: 'interpreter', language: 'fr', court_interpreter_id: salem, court_supporter_id: null },
      { hearing_role: 'supporter', language: null, court_interpreter_id: null, court_supporter_id: karim },
    ]);
    const { rows: audited } = await testDb().query(
      `SELECT data FROM audit_events WHERE subject_id = $1 AND action = 'hearing.participant_added'`,
      [interpreter.body.id],
    );
    expect(audited[0].data).toMatchObject({ hearingRole: 'interpreter', courtInterpreterId: salem, language: 'fr' });
  });

  it.each([
    [
      'an interpreter in a seat that is not an interpreter’s',
      () => ({ hearingRole: 'witness', displayName: 'Salem', courtInterpreterId: salem }),
      400,
      'hearing.court_helper_seat',
    ],
    [
      'a supporter in a seat that is not a supporter’s',
      () => ({ hearingRole: 'interpreter', displayName: 'Karim', language: 'ar', courtSupporterId: karim }),
      400,
      'hearing.court_helper_seat',
    ],
    [
      'an interpreter of another court',
      () => ({ hearingRole: 'interpreter', displayName: 'Elsewhere', language: 'ar', courtInterpreterId: otherCourtsInterpreter }),
      400,
      'hearing.court_helper_unknown',
    ],
    [
      'an interpreter in a language they do not interpret',
      () => ({ hearingRole: 'interpreter', displayName: 'Salem', language: 'de', courtInterpreterId: salem }),
      400,
      'hearing.interpreter_language',
    ],
    [
      'an interpreter of two languages with none named',
      () => ({ hearingRole: 'interpreter', displayName: 'Salem', courtInterpreterId: salem }),
      400,
      'hearing.interpreter_language',
    ],
  ])('refuses %s with a code and a sentence, writing nothing', async (_what, body, status, code) => {
    const before = await seats();
    const refused = await seat(body());
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    expect(refused.body.detail).toMatch(/\.$/);
    expect(await seats()).toBe(before);
  });

  it('refuses to seat the same interpreter, supporter or party twice in one hearing (409), and seats them again once removed', async () => {
    const party = await one(`INSERT INTO parties (case_id, party_role, full_name) VALUES ($1, 'witness', 'Mona Aziz') RETURNING id`, [
      caseId,
    ]);
    const witness = { hearingRole: 'witness', displayName: 'Mona Aziz', partyId: party };
    const first = await seat(witness);
    expect(first.status).toBe(201);
    const before = await seats();
    for (const body of [
      witness,
      { hearingRole: 'interpreter', displayName: 'Salem (ar)', language: 'ar', courtInterpreterId: salem },
      { hearingRole: 'supporter', displayName: 'Karim', courtSupporterId: karim },
    ]) {
      const refused = await seat(body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'hearing.already_participant' });
      expect(refused.body.detail).toMatch(/already a participant/);
    }
    expect(await seats()).toBe(before);

    await testDb().query(`UPDATE hearing_participants SET state = 'removed' WHERE id = $1`, [first.body.id]);
    expect((await seat(witness)).status).toBe(201);
  });

  it('seats a party once when two clerks add them at the same moment', async () => {
    const party = await one(`INSERT INTO parties (case_id, party_role, full_name) VALUES ($1, 'witness', 'Sami Fares') RETURNING id`, [
      caseId,
    ]);
    const witness = { hearingRole: 'witness', displayName: 'Sami Fares', partyId: party };
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([seat(witness), seat(witness), seat(witness)]);
      expect(answers.map((a) => a.status).sort()).toEqual(round === 0 ? [201, 409, 409] : [409, 409, 409]);
    }
    const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM hearing_participants WHERE party_id = $1`, [party]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses to seat the court’s interpreter or supporter in a hearing at the same time as one they sit in, and seats them after it', async () => {
    const overlapping = await list(1, 3);
    const seatIn = (id: string, body: Record<string, unknown>) =>
      http(api.baseUrl, 'POST', `/api/hearings/${id}/participants`, { token, body });
    const seatsIn = async (id: string) =>
      (await testDb().query('SELECT count(*)::int AS n FROM hearing_participants WHERE hearing_id = $1', [id])).rows[0].n as number;
    for (const body of [
      { hearingRole: 'interpreter', displayName: 'Salem (ar)', language: 'ar', courtInterpreterId: salem },
      { hearingRole: 'supporter', displayName: 'Karim', courtSupporterId: karim },
    ]) {
      const refused = await seatIn(overlapping, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'hearing.court_helper_double_booked' });
      expect(refused.body.detail).toMatch(/already sits in another hearing at that time/);
    }
    expect(await seatsIn(overlapping)).toBe(0);

    const after = await list(2, 3);
    expect(
      (await seatIn(after, { hearingRole: 'interpreter', displayName: 'Salem (ar)', language: 'ar', courtInterpreterId: salem })).status,
    ).toBe(201);
  });
});
