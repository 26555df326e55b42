import { checkPlan, solveSchedule, validateInstance } from '@ejustice/scheduling';
import { type CaseSchedulingFactsBody, type CaseSchedulingFactsView, SchedulingInstanceQueries } from '@ejustice/scheduling-data';
import {
  type RunningApi,
  type TestCase,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/** The protected victim's and witness's real names: no answer of this suite may hold any part of them. */
const PROTECTED_NAMES = ['Nadia', 'Farouk', 'Yusra', 'Bennani'];

/** The facts a clerk enters for a custody trafficking case with a child victim and a child witness. */
function factsFor(c: TestCase): CaseSchedulingFactsBody {
  const victim = c.parties.find((p) => p.partyRole === 'victim')!;
  const witness = c.parties.find((p) => p.partyRole === 'witness')!;
  return {
    offence: 'trafficking in persons',
    inCustody: true,
    custodyLimit: '2027-03-04',
    interpreterLanguages: ['ar'],
    needsIntermediary: true,
    needsSupporter: false,
    needsLiveLink: true,
    remoteAllowed: false,
    judgeSpecialisms: ['trafficking'],
    people: [
      { role: 'victim', partyId: victim.id, personKey: null, child: true, vulnerable: false },
      { role: 'witness', partyId: witness.id, personKey: 'w-child-77', child: true, vulnerable: false },
    ],
    hearings: [
      { type: 'case_management', minutes: 30, minDaysAfterPrevious: null },
      { type: 'trial', minutes: 120, minDaysAfterPrevious: 1 },
    ],
  };
}

describe('a clerk keeps a case’s scheduling facts through the api, and the scheduler plans with them (e2e)', () => {
  let api: RunningApi;
  let court: SeededSchedulingCourt;
  let target: TestCase;
  let party: TestUser;
  let witnessUser: TestUser;
  let observer: TestUser;
  let otherClerk: TestUser;
  const token: Record<string, string> = {};
  /** Every answer's body, read raw, to look for protected names in. */
  const answers: string[] = [];
  const path = (caseId = target.id) => `/api/cases/${caseId}/scheduling`;

  async function call<T = any>(who: TestUser, method: 'GET' | 'PUT', body?: unknown, caseId?: string) {
    const res = await http<T>(api.baseUrl, method, path(caseId), { token: token[who.id], body });
    answers.push(JSON.stringify(res.body));
    return res;
  }
  const read = async (who: TestUser = court.clerk) => {
    const res = await call<CaseSchedulingFactsView>(who, 'GET');
    expect(res.status).toBe(200);
    return res.body;
  };
  const auditedChanges = async (): Promise<number> =>
    (
      await testDb().query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.scheduling_facts_changed' AND case_id = $1`, [
        target.id,
      ])
    ).rows[0].n;

  beforeAll(async () => {
    api = await startApiServer();
    court = await seedSchedulingCourt();
    party = await createUser({ roles: ['party'], courtId: court.court.id });
    witnessUser = await createUser({ roles: ['party'], courtId: court.court.id });
    observer = await createUser({ roles: ['observer'], courtId: court.court.id });
    otherClerk = await createUser({ roles: ['clerk'], courtId: (await createCourt()).id });
    // No SQL writes this case's scheduling facts: only the api below does.
    target = await createCase({
      courtId: court.court.id,
      caseType: 'trafficking',
      parties: [
        { partyRole: 'victim', fullName: 'Nadia Farouk', isProtected: true, pseudonym: 'V-9' },
        { partyRole: 'witness', fullName: 'Yusra Bennani', isProtected: true, pseudonym: 'W-4', userId: witnessUser.id },
        { partyRole: 'defendant', fullName: 'Tarek Amrani', userId: party.id },
      ],
    });
    for (const u of [court.clerk, court.judges.specialist, party, witnessUser, observer, otherClerk]) {
      token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
    }
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('answers a case without facts with the empty facts and a version', async () => {
    const facts = await read();
    expect(facts).toMatchObject({ caseId: target.id, inCustody: false, custodyLimit: null, people: [], hearings: [] });
    expect(facts.version).toEqual(expect.any(String));
  });

  it('round trip: the clerk writes the whole of the facts with the version read, and clerks and judges read them back', async () => {
    const before = await read();
    const body = factsFor(target);
    const saved = await call<CaseSchedulingFactsView>(court.clerk, 'PUT', { ...body, version: before.version });
    expect(saved.status).toBe(200);
    expect(saved.body.version).not.toBe(before.version);
    const expected = {
      ...body,
      caseId: target.id,
      version: saved.body.version,
      hearings: body.hearings.map((h) => ({ ...h, published: false })),
    };
    expect(saved.body).toEqual(expected);
    expect(await read(court.clerk)).toEqual(expected);
    expect(await read(court.judges.specialist)).toEqual(expected);
    expect(await auditedChanges()).toBe(1);
  });

  it('refuses a stale version with 409 and a sentence, and writes nothing', async () => {
    const current = await read();
    const res = await call(court.clerk, 'PUT', { ...factsFor(target), remoteAllowed: true, version: 'a-version-read-long-ago' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'scheduling.facts_stale', detail: expect.stringContaining('Reload') });
    expect(await read()).toEqual(current);
    expect(await auditedChanges()).toBe(1);
  });

  it('refuses custody without its time limit (and a limit without custody) with 400 naming the field, and writes nothing', async () => {
    const current = await read();
    for (const change of [{ custodyLimit: null }, { inCustody: false }]) {
      const res = await call(court.clerk, 'PUT', { ...factsFor(target), ...change, version: current.version });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'scheduling.facts_invalid' });
      expect(JSON.stringify(res.body)).toContain('custodyLimit');
    }
    const res = await call(court.clerk, 'PUT', { ...factsFor(target), interpreterLanguages: ['Arabic'], version: current.version });
    expect(res.status).toBe(400);
    expect(await read()).toEqual(current);
  });

  it('refuses a witness key that spells a protected person’s name, without repeating it', async () => {
    const current = await read();
    const body = factsFor(target);
    const res = await call(court.clerk, 'PUT', {
      ...body,
      people: [body.people[0], { ...body.people[1], personKey: 'yusra.bennani' }],
      version: current.version,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'scheduling.facts_invalid' });
    expect(await read()).toEqual(current);
  });

  it('lets the judge read but not write; refuses another court’s clerk, a party, a witness and the public', async () => {
    const current = await read();
    const body = { ...factsFor(target), remoteAllowed: true, version: current.version };
    const judgeWrite = await call(court.judges.specialist, 'PUT', body);
    expect(judgeWrite.status).toBe(403);
    expect(judgeWrite.body).toMatchObject({ code: 'scheduling.facts_role_forbidden' });
    for (const method of ['GET', 'PUT'] as const) {
      expect((await call(otherClerk, method, method === 'PUT' ? body : undefined)).status).toBe(404);
      for (const outsider of [party, witnessUser, observer]) {
        const res = await call(outsider, method, method === 'PUT' ? body : undefined);
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'scheduling.facts_role_forbidden' });
      }
    }
    expect(await read()).toEqual(current);
  });

  it('keeps a hearing needed that the published timetable lists: removing or changing it is refused with 409, naming it', async () => {
    const c = await createCase({ courtId: court.court.id, caseType: 'criminal' });
    const empty = await call<CaseSchedulingFactsView>(court.clerk, 'GET', undefined, c.id);
    const first = { type: 'case_management' as const, minutes: 30, minDaysAfterPrevious: null };
    const body = { ...factsFor(target), people: [], hearings: [first] };
    const saved = await call<CaseSchedulingFactsView>(court.clerk, 'PUT', { ...body, version: empty.body.version }, c.id);
    expect(saved.status).toBe(200);
    // The published timetable lists its first hearing needed (arranged as a publication leaves it).
    const db = testDb();
    const run = (
      await db.query(
        `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at,
                                    published_at, published_by, publication)
         VALUES ($1, $2, 'published', 100, '2027-03-01', 1, 1, '{}'::jsonb, now(), now(), $2, '{}'::jsonb) RETURNING id`,
        [court.court.id, court.clerk.id],
      )
    ).rows[0].id;
    const hearing = (
      await db.query(
        `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end)
         VALUES ($1, $2, 'Case management', 'case_management', '2027-03-01T09:00:00Z', '2027-03-01T09:30:00Z') RETURNING id`,
        [court.court.id, c.id],
      )
    ).rows[0].id;
    await db.query(
      `INSERT INTO published_hearings (hearing_id, run_id, court_id, case_id, need_index, part, session_id, starts_at, judge_id, room_id, remote)
       VALUES ($1, $2, $3, $4, 0, 1, $5, '09:00', $6, $7, false)`,
      [hearing, run, court.court.id, c.id, court.sessions[0], court.judges.specialist.id, court.rooms.plain],
    );
    const current = await call<CaseSchedulingFactsView>(court.clerk, 'GET', undefined, c.id);
    expect(current.body.hearings).toEqual([{ ...first, published: true }]);
    for (const hearings of [[], [{ ...first, minutes: 60 }], [{ type: 'trial', minutes: 60, minDaysAfterPrevious: null }, first]]) {
      const res = await call(court.clerk, 'PUT', { ...body, hearings, version: current.body.version }, c.id);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'scheduling.published_need_changed', detail: expect.stringContaining('hearing needed 1') });
    }
    expect((await call(court.clerk, 'GET', undefined, c.id)).body).toEqual(current.body);
    // Hearings needed after it may still be added.
    const more = await call(
      court.clerk,
      'PUT',
      { ...body, hearings: [first, { type: 'trial', minutes: 60, minDaysAfterPrevious: 2 }], version: current.body.version },
      c.id,
    );
    expect(more.status).toBe(200);
  });

  it('the facts written through the api alone reach the instance the scheduler assembles, and a solve plans with them', async () => {
    const instance = validateInstance(await api.app.get(SchedulingInstanceQueries).instanceFor(court.court.id, SCHEDULING_HORIZON_START));
    const listed = instance.cases.find((c) => c.id === target.id);
    expect(listed).toMatchObject({
      offence: 'trafficking in persons',
      custody: { limit: '2027-03-04' },
      interpreterLanguages: ['ar'],
      needs: { intermediary: true, liveLink: true },
      judgeSpecialisms: ['trafficking'],
      hearings: [
        { type: 'case_management', minutes: 30 },
        { type: 'trial', minutes: 120, minDaysAfterPrevious: 1 },
      ],
      witnesses: [{ id: 'w-child-77', child: true }],
      victims: [{ child: true }],
    });
    expect(listed?.remoteAllowed ?? false).toBe(false);
    const { plan } = solveSchedule(instance, { seed: 1, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    const placed = plan.assignments.filter((a) => a.case === target.id);
    const unscheduled = plan.unscheduled.filter((u) => u.case === target.id);
    expect(placed.length + unscheduled.length).toBeGreaterThan(0);
    const days = new Map(instance.sessions.map((s) => [s.id, s.date]));
    for (const a of placed) expect(days.get(a.session)! <= '2027-03-04').toBe(true);
  });

  it('never answers with a protected person’s name', () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const body of answers) for (const name of PROTECTED_NAMES) expect(body).not.toContain(name);
  });
});
