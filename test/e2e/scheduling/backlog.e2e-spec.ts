import type { BacklogForecast, BacklogReport } from '@ejustice/scheduling-data';
import {
  type RunningApi,
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
import { type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/*
 * The backlog dashboard's figures on the seeded court, read through HTTP from a real PostgreSQL.
 * The court sits in Tunis (UTC+1), so a case filed at 23:30 UTC on New Year's Eve belongs to
 * the next day, the next quarter. Every expected figure is worked out by hand below.
 *
 * The court's cases, in its own calendar (filed → disposed):
 *   T trafficking  2025-06-10 → pending, in custody until 2027-03-05, no hearing
 *   K criminal     2026-09-01 → pending, in custody until 2027-03-20, first hearing 2027-03-25
 *   R civil        2024-02-15 → pending (may be heard remotely)
 *   F family       2026-01-20 → pending
 *   D civil        2026-10-05 → 2027-01-20
 *   X1 labour      2027-01-01 (23:30 UTC on 31 Dec) → pending, no hearing needs recorded
 *   X2 criminal    2026-10-10 → 2026-12-15
 */
const AS_OF = '2027-03-01';

describe('backlog analytics: clearance, disposition time, ages, custody risks, forecast (e2e)', () => {
  let api: RunningApi;
  let seeded: SeededSchedulingCourt;
  let emptyCourtClerk: TestUser;
  let emptyCourtId: string;
  let party: TestUser;
  const token: Record<string, string> = {};
  const base = (courtId: string) => `/api/courts/${courtId}/backlog`;

  beforeAll(async () => {
    api = await startApiServer();
    seeded = await seedSchedulingCourt();
    const db = testDb();
    await db.query(`UPDATE courts SET time_zone = 'Africa/Tunis' WHERE id = $1`, [seeded.court.id]);
    await db.query(`UPDATE cases SET opened_at = '2026-10-05T09:00:00Z', disposed_at = '2027-01-20T10:00:00Z' WHERE id = $1`, [
      seeded.cases.disposed,
    ]);
    const x1 = await createCase({ courtId: seeded.court.id, caseType: 'labour' });
    await db.query(`UPDATE cases SET opened_at = '2026-12-31T23:30:00Z' WHERE id = $1`, [x1.id]);
    const x2 = await createCase({ courtId: seeded.court.id, caseType: 'criminal' });
    await db.query(
      `UPDATE cases SET opened_at = '2026-10-10T09:00:00Z', status = 'disposed', disposed_at = '2026-12-15T09:00:00Z' WHERE id = $1`,
      [x2.id],
    );
    // K: an adjourned hearing before its limit does not count; the one still scheduled is after it.
    await db.query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, status, scheduled_start, scheduled_end) VALUES
         ($1, $2, 'Bail', 'bail', 'adjourned', '2027-03-10T09:00:00Z', '2027-03-10T10:00:00Z'),
         ($1, $2, 'Bail', 'bail', 'scheduled', '2027-03-25T09:00:00Z', '2027-03-25T10:00:00Z')`,
      [seeded.court.id, seeded.cases.custody],
    );
    const empty = await createCourt();
    emptyCourtId = empty.id;
    emptyCourtClerk = await createUser({ roles: ['clerk'], courtId: empty.id });
    party = await createUser({ roles: ['party'], courtId: seeded.court.id });
    for (const u of [seeded.clerk, seeded.judges.specialist, emptyCourtClerk, party])
      token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
  });

  afterAll(async () => {
    await api?.close();
    await closeTestDb();
  });

  it('gives a clerk clearance rate and disposition time by quarter and case type, in the court’s calendar', async () => {
    const res = await http<BacklogReport>(
      api.baseUrl,
      'GET',
      `${base(seeded.court.id)}?from=2026-10-01&to=${AS_OF}&period=quarter&asOf=${AS_OF}`,
      {
        token: token[seeded.clerk.id],
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ courtId: seeded.court.id, asOf: AS_OF, period: 'quarter', from: '2026-10-01', to: '2027-03-31' });
    const [q4, q1] = res.body.periods;
    // Q4 2026: incoming D X2; resolved X2; pending at the start T K R F, at the end T K R F D.
    // Clearance 1 ÷ 2 = 50 %; disposition time 365 × ¼ × 5 ÷ 1 = 456.25 days.
    expect(q4).toMatchObject({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(q4.total).toEqual({ incoming: 2, resolved: 1, pendingStart: 4, pendingEnd: 5, clearanceRate: 50, dispositionTimeDays: 456.25 });
    expect(q4.byType).toEqual([
      { type: 'civil', incoming: 1, resolved: 0, pendingStart: 1, pendingEnd: 2, clearanceRate: 0, dispositionTimeDays: null },
      { type: 'criminal', incoming: 1, resolved: 1, pendingStart: 1, pendingEnd: 1, clearanceRate: 100, dispositionTimeDays: 91.25 },
      { type: 'family', incoming: 0, resolved: 0, pendingStart: 1, pendingEnd: 1, clearanceRate: null, dispositionTimeDays: null },
      { type: 'trafficking', incoming: 0, resolved: 0, pendingStart: 1, pendingEnd: 1, clearanceRate: null, dispositionTimeDays: null },
    ]);
    // Q1 2027: incoming X1 (New Year's Day in Tunis); resolved D; pending at the start T K R F D, at the end T K R F X1.
    expect(q1.total).toEqual({ incoming: 1, resolved: 1, pendingStart: 5, pendingEnd: 5, clearanceRate: 100, dispositionTimeDays: 456.25 });
    expect(q1.byType.find((t) => t.type === 'labour')).toEqual({
      type: 'labour',
      incoming: 1,
      resolved: 0,
      pendingStart: 0,
      pendingEnd: 1,
      clearanceRate: 0,
      dispositionTimeDays: null,
    });
    expect(q1.byType.find((t) => t.type === 'civil')).toMatchObject({
      incoming: 0,
      resolved: 1,
      pendingEnd: 1,
      clearanceRate: null,
      dispositionTimeDays: 91.25,
    });
  });

  it('profiles the ages of the cases pending and lists the custody limits at risk, with the reason', async () => {
    const res = await http<BacklogReport>(api.baseUrl, 'GET', `${base(seeded.court.id)}?asOf=${AS_OF}`, {
      token: token[seeded.judges.specialist.id],
    });
    expect(res.status).toBe(200);
    // T 1–2 y, K 6 (exactly) to 12 months, R over 2 y, F 1–2 y, X1 under 3 months.
    expect(res.body.ageProfile).toMatchObject({
      asOf: AS_OF,
      pending: 5,
      total: { under_3m: 1, '3_to_6m': 0, '6_to_12m': 1, '1_to_2y': 2, over_2y: 1 },
      oldestFiled: '2024-02-15',
    });
    expect(res.body.custodyWarningDays).toBe(28);
    expect(res.body.custodyRisks).toEqual([
      {
        caseId: seeded.cases.trafficking,
        caseNumber: expect.any(String),
        type: 'trafficking',
        custodyLimit: '2027-03-05',
        firstScheduledHearing: null,
        reason: 'none_scheduled',
        daysLeft: 4,
      },
      {
        caseId: seeded.cases.custody,
        caseNumber: expect.any(String),
        type: 'criminal',
        custodyLimit: '2027-03-20',
        firstScheduledHearing: '2027-03-25',
        reason: 'hearing_after_limit',
        daysLeft: 19,
      },
    ]);
    // Twelve months by default, the last the one of the day measured on.
    expect(res.body).toMatchObject({ period: 'month', from: '2026-04-01', to: '2027-03-31' });
    expect(res.body.periods).toHaveLength(12);
  });

  it('forecasts the burn-down from the last 26 weeks’ rates, with the court’s own capacity priced into each scenario', async () => {
    const res = await http<BacklogForecast>(
      api.baseUrl,
      'GET',
      `${base(seeded.court.id)}/forecast?scenario=virtual_rooms,night_sessions&weeks=4&asOf=${AS_OF}`,
      { token: token[seeded.clerk.id] },
    );
    expect(res.status).toBe(200);
    const f = res.body;
    // 2026-08-31 to 2027-02-28: filed K D X2 X1 (4), disposed X2 D (2). Pending today T K R F X1.
    expect(f).toMatchObject({ asOf: AS_OF, lookbackWeeks: 26, pending: 5, scenarioSizes: { night_sessions: 2, virtual_rooms: 4 } });
    expect(f.incomingPerWeek).toBeCloseTo(4 / 26, 10);
    expect(f.resolvedPerWeek).toBeCloseTo(2 / 26, 10);
    // Hearings still needed: T 210, K 45, R 60, F 90 minutes over 4 cases (X1 has none recorded).
    expect(f.hearingHoursPerCase).toBeCloseTo(405 / 60 / 4, 10);
    // One night session of 3 h; three rooms open at night; 3 day sittings of 7 h in the 4 weeks; R alone remote.
    expect(f.capacity).toEqual({ nightSessionHours: 3, nightRooms: 3, daySessionHoursPerWeek: 5.25, remoteShare: 0.25 });
    expect(f.weekStarts).toEqual(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29']);
    expect(f.lines.map((l) => [l.scenario, l.extraHearingHoursPerWeek])).toEqual([
      ['baseline', 0],
      ['night_sessions', 18], // 2 × 3 h × 3 rooms
      ['virtual_rooms', 5.25], // 4 rooms × 5.25 h × 25 %
      ['combined', 23.25],
    ]);
    const [baseline, night, virtual, combined] = f.lines;
    // The backlog grows by 2 a fortnight at today's pace: never cleared.
    expect(baseline).toMatchObject({ weeksToClear: null, clearedOn: null });
    baseline.pending.forEach((p, w) => expect(p).toBeCloseTo(5 + (w * 2) / 26, 10));
    // 18 h ÷ 1.6875 h = 10.67 more a week: cleared in the first week.
    expect(night).toMatchObject({ pending: [5, 0, 0, 0, 0], weeksToClear: 1, clearedOn: '2027-03-08' });
    // 5.25 h ÷ 1.6875 h = 3.11 more a week, net 3.03: 5 → 1.97 → 0, two weeks.
    expect(virtual).toMatchObject({ weeksToClear: 2, clearedOn: '2027-03-15' });
    expect(virtual.pending[1]).toBeCloseTo(5 - (5.25 / 1.6875 + 2 / 26 - 4 / 26), 10);
    expect(combined).toMatchObject({ weeksToClear: 1 });
  });

  it('answers an empty court with zeros and nulls, never a division by zero', async () => {
    const report = await http<BacklogReport>(api.baseUrl, 'GET', `${base(emptyCourtId)}?period=year&asOf=${AS_OF}`, {
      token: token[emptyCourtClerk.id],
    });
    expect(report.status).toBe(200);
    expect(
      report.body.periods.every((p) => p.total.clearanceRate === null && p.total.dispositionTimeDays === null && p.byType.length === 0),
    ).toBe(true);
    expect(report.body.ageProfile.pending).toBe(0);
    expect(report.body.custodyRisks).toEqual([]);
    const forecast = await http<BacklogForecast>(api.baseUrl, 'GET', `${base(emptyCourtId)}/forecast?scenario=night_sessions&weeks=2`, {
      token: token[emptyCourtClerk.id],
    });
    expect(forecast.status).toBe(200);
    expect(forecast.body).toMatchObject({ pending: 0, hearingHoursPerCase: null, capacity: { nightSessionHours: 3, nightRooms: 0 } });
    expect(forecast.body.lines.map((l) => [l.scenario, l.pending, l.weeksToClear])).toEqual([
      ['baseline', [0, 0, 0], 0],
      ['night_sessions', [0, 0, 0], 0],
    ]);
  });

  it('refuses a party, and a clerk of another court, with stable codes', async () => {
    for (const path of [base(seeded.court.id), `${base(seeded.court.id)}/forecast`]) {
      const asParty = await http(api.baseUrl, 'GET', path, { token: token[party.id] });
      expect(asParty.status).toBe(403);
      expect(asParty.body).toMatchObject({ code: 'scheduling.role_forbidden', status: 403 });
      const elsewhere = await http(api.baseUrl, 'GET', path, { token: token[emptyCourtClerk.id] });
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.code).toBe('scheduling.other_court');
      expect((await http(api.baseUrl, 'GET', path)).status).toBe(401);
    }
  });

  it('refuses a bad query with a 400 that names the problem', async () => {
    const clerk = { token: token[seeded.clerk.id] };
    const cases: [string, string][] = [
      [`${base(seeded.court.id)}?period=week`, 'period'],
      [`${base(seeded.court.id)}?from=2027-02-31`, 'backlog.date_invalid'],
      [`${base(seeded.court.id)}?from=2027-03-01&to=2027-01-01`, 'backlog.range_invalid'],
      [`${base(seeded.court.id)}?from=2001-01-01&to=2027-01-01`, 'backlog.range_too_long'],
      [`${base(seeded.court.id)}/forecast?scenario=more_judges`, 'backlog.scenario_unknown'],
      [`${base(seeded.court.id)}/forecast?weeks=0`, 'weeks'],
      [`${base(seeded.court.id)}/forecast?virtualRooms=abc`, 'virtualRooms'],
    ];
    for (const [path, problem] of cases) {
      const res = await http(api.baseUrl, 'GET', path, clerk);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body)).toContain(problem);
    }
    expect((await http(api.baseUrl, 'GET', '/api/courts/not-a-uuid/backlog', clerk)).status).toBe(400);
  });
});
