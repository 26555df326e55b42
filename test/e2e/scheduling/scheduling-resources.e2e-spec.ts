import { checkPlan, solveSchedule, validateInstance } from '@ejustice/scheduling';
import {
  type InterpreterView,
  type JudgeProfileView,
  type RoomView,
  type SchedulingPolicyView,
  SchedulingInstanceQueries,
  type SessionPatternCreated,
  type SessionView,
  type SupporterView,
  type UnavailabilityView,
} from '@ejustice/scheduling-data';
import {
  type RunningApi,
  type TestCourt,
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

/*
 * A court maintains its scheduling resources and policy through the api (issue 11, audit gap 1):
 * judges' sittings, rooms, interpreters, supporters, sessions (a recurring pattern with night
 * court, in the court's time zone), days off and the policy; and a run planned on data entered
 * this way alone uses it. Only the case and its hearing needed are arranged in the database.
 */

describe('scheduling resources: a court maintains its judges, rooms, sessions, staff, days off and policy (e2e)', () => {
  let api: RunningApi;
  // Paris: UTC+1 until the last Sunday of March 2027 (the 28th), UTC+2 after.
  let court: TestCourt;
  let other: TestCourt;
  let clerk: TestUser;
  let admin: TestUser;
  let judge: TestUser;
  let judgeTwo: TestUser;
  let otherJudge: TestUser;
  let otherClerk: TestUser;
  let party: TestUser;
  let observer: TestUser;
  const token: Record<string, string> = {};
  const path = (rest: string, courtId = court.id) => `/api/courts/${courtId}/scheduling/${rest}`;
  const as = (user: TestUser) => token[user.id];
  const auditCount = async (action: string) =>
    (await testDb().query(`SELECT count(*)::int AS n FROM audit_events WHERE court_id = $1 AND action = $2`, [court.id, action])).rows[0].n;

  beforeAll(async () => {
    api = await startApiServer();
    court = await createCourt({ timeZone: 'Europe/Paris' });
    other = await createCourt();
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    admin = await createUser({ roles: ['admin'], courtId: court.id });
    judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Amrani' });
    judgeTwo = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Zidane' });
    otherJudge = await createUser({ roles: ['judge'], courtId: other.id });
    otherClerk = await createUser({ roles: ['clerk'], courtId: other.id });
    party = await createUser({ roles: ['party'], courtId: court.id });
    observer = await createUser({ roles: ['observer'], courtId: court.id });
    for (const u of [clerk, admin, judge, judgeTwo, otherJudge, otherClerk, party, observer]) {
      token[u.id] = (await login(api.baseUrl, u.email, u.password)).accessToken;
    }
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('lists the court’s judges with their profile or none, and lets a clerk set a judge’s sitting (audited)', async () => {
    const before = await http<JudgeProfileView[]>(api.baseUrl, 'GET', path('judges'), { token: as(clerk) });
    expect(before.status).toBe(200);
    expect(before.body).toEqual([
      { userId: judge.id, displayName: 'Judge Amrani', profile: null },
      { userId: judgeTwo.id, displayName: 'Judge Zidane', profile: null },
    ]);

    const profile = {
      specialisms: ['trafficking', 'criminal'],
      sittingWeekdays: [5, 1, 2, 3, 4],
      sittingKinds: ['day', 'night'],
      maxSittingMinutesPerDay: 360,
    };
    const set = await http<JudgeProfileView>(api.baseUrl, 'PUT', path(`judges/${judge.id}`), { token: as(clerk), body: profile });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      userId: judge.id,
      displayName: 'Judge Amrani',
      profile: {
        specialisms: ['criminal', 'trafficking'],
        sittingWeekdays: [1, 2, 3, 4, 5],
        sittingKinds: ['day', 'night'],
        maxSittingMinutesPerDay: 360,
      },
    });
    // The administrator of the court too; a second PUT replaces the profile.
    const byAdmin = await http(api.baseUrl, 'PUT', path(`judges/${judgeTwo.id}`), {
      token: as(admin),
      body: { specialisms: [], sittingWeekdays: null, sittingKinds: ['day'], maxSittingMinutesPerDay: 240 },
    });
    expect(byAdmin.status).toBe(200);
    // A judge reads them, and sees their own.
    const read = await http<JudgeProfileView[]>(api.baseUrl, 'GET', path('judges'), { token: as(judge) });
    expect(read.status).toBe(200);
    expect(read.body.find((j) => j.userId === judgeTwo.id)?.profile).toEqual({
      specialisms: [],
      sittingWeekdays: null,
      sittingKinds: ['day'],
      maxSittingMinutesPerDay: 240,
    });
    expect(await auditCount('judge_profile.set')).toBe(2);
  });

  it('refuses a profile for anyone who is not a judge of the court, and a malformed one, writing nothing', async () => {
    const valid = { specialisms: [], sittingWeekdays: null, sittingKinds: null, maxSittingMinutesPerDay: 300 };
    for (const userId of [clerk.id, otherJudge.id]) {
      const res = await http(api.baseUrl, 'PUT', path(`judges/${userId}`), { token: as(clerk), body: valid });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('scheduling.judge_not_found');
    }
    for (const body of [
      { ...valid, maxSittingMinutesPerDay: 0 },
      { ...valid, sittingWeekdays: [8] },
      { ...valid, sittingKinds: ['evening'] },
      { ...valid, specialisms: ['x'.repeat(61)] },
      { ...valid, specialisms: Array.from({ length: 31 }, (_, i) => `s${i}`) },
      { ...valid, extra: true },
    ]) {
      const res = await http(api.baseUrl, 'PUT', path(`judges/${judge.id}`), { token: as(clerk), body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM judge_profiles WHERE user_id = ANY($1::uuid[])`, [
      [clerk.id, otherJudge.id],
    ]);
    expect(rows[0].n).toBe(0);
    // A judge may read but not write sittings.
    const byJudge = await http(api.baseUrl, 'PUT', path(`judges/${judge.id}`), { token: as(judge), body: valid });
    expect(byJudge.status).toBe(403);
    expect(byJudge.body.code).toBe('scheduling.resources_role_forbidden');
  });

  it('creates, changes, lists and removes rooms, interpreters and supporters, each change audited', async () => {
    const room = await http<RoomView>(api.baseUrl, 'POST', path('rooms'), {
      token: as(clerk),
      body: { name: 'Courtroom 1', virtual: false, equipment: ['live_link'], availableWeekdays: null, availableKinds: null },
    });
    expect(room.status).toBe(201);
    expect(room.body).toEqual({
      id: expect.any(String),
      name: 'Courtroom 1',
      virtual: false,
      equipment: ['live_link'],
      availableWeekdays: null,
      availableKinds: null,
    });
    const renamed = await http<RoomView>(api.baseUrl, 'PUT', path(`rooms/${room.body.id}`), {
      token: as(clerk),
      body: { name: 'Courtroom 1 (north)', virtual: false, equipment: ['live_link'], availableWeekdays: [3, 1], availableKinds: ['day'] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Courtroom 1 (north)', availableWeekdays: [1, 3], availableKinds: ['day'] });
    const dup = await http(api.baseUrl, 'POST', path('rooms'), {
      token: as(clerk),
      body: { name: 'Courtroom 1 (north)', virtual: true, equipment: [], availableWeekdays: null, availableKinds: null },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('scheduling.room_name_taken');

    const interpreter = await http<InterpreterView>(api.baseUrl, 'POST', path('interpreters'), {
      token: as(clerk),
      body: { name: 'Interpreter Salem', languages: ['fr', 'ar'], availableWeekdays: [1, 2, 3, 4, 5], availableKinds: null },
    });
    expect(interpreter.status).toBe(201);
    expect(interpreter.body.languages).toEqual(['ar', 'fr']);
    const noLanguage = await http(api.baseUrl, 'POST', path('interpreters'), {
      token: as(clerk),
      body: { name: 'Interpreter Nobody', languages: [], availableWeekdays: null, availableKinds: null },
    });
    expect(noLanguage.status).toBe(400);
    const changed = await http<InterpreterView>(api.baseUrl, 'PUT', path(`interpreters/${interpreter.body.id}`), {
      token: as(admin),
      body: { name: 'Interpreter Salem', languages: ['ar'], availableWeekdays: null, availableKinds: ['day'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ languages: ['ar'], availableKinds: ['day'] });

    const supporter = await http<SupporterView>(api.baseUrl, 'POST', path('supporters'), {
      token: as(clerk),
      body: { name: 'Intermediary Idrissi', role: 'intermediary', availableWeekdays: null, availableKinds: ['day'] },
    });
    expect(supporter.status).toBe(201);
    const badRole = await http(api.baseUrl, 'POST', path('supporters'), {
      token: as(clerk),
      body: { name: 'Someone', role: 'friend', availableWeekdays: null, availableKinds: null },
    });
    expect(badRole.status).toBe(400);
    const spare = await http<SupporterView>(api.baseUrl, 'POST', path('supporters'), {
      token: as(clerk),
      body: { name: 'Supporter Karim', role: 'supporter', availableWeekdays: null, availableKinds: null },
    });
    expect((await http(api.baseUrl, 'DELETE', path(`supporters/${spare.body.id}`), { token: as(clerk) })).status).toBe(204);
    expect((await http(api.baseUrl, 'DELETE', path(`supporters/${spare.body.id}`), { token: as(clerk) })).status).toBe(404);

    const rooms = await http<RoomView[]>(api.baseUrl, 'GET', path('rooms'), { token: as(judge) });
    expect(rooms.body.map((r) => r.name)).toEqual(['Courtroom 1 (north)']);
    const interpreters = await http<InterpreterView[]>(api.baseUrl, 'GET', path('interpreters'), { token: as(judge) });
    expect(interpreters.body.map((i) => i.id)).toEqual([interpreter.body.id]);
    const supporters = await http<SupporterView[]>(api.baseUrl, 'GET', path('supporters'), { token: as(judge) });
    expect(supporters.body.map((s) => s.name)).toEqual(['Intermediary Idrissi']);

    // Another court's path with this court's room: no such room there.
    const elsewhere = await http(api.baseUrl, 'PUT', path(`rooms/${room.body.id}`, other.id), {
      token: as(otherClerk),
      body: { name: 'Stolen', virtual: false, equipment: [], availableWeekdays: null, availableKinds: null },
    });
    expect(elsewhere.status).toBe(404);

    expect(await auditCount('scheduling_room.created')).toBe(1);
    expect(await auditCount('scheduling_room.updated')).toBe(1);
    expect(await auditCount('court_interpreter.created')).toBe(1);
    expect(await auditCount('court_interpreter.updated')).toBe(1);
    expect(await auditCount('court_supporter.created')).toBe(2);
    expect(await auditCount('court_supporter.deleted')).toBe(1);
  });

  it('creates a recurring pattern of day and night sessions in the court’s time zone, and refuses overlaps with nothing created', async () => {
    // Monday 22 March to Friday 2 April 2027: day court every weekday, night court on Tuesdays and Thursdays.
    const created = await http<SessionPatternCreated>(api.baseUrl, 'POST', path('sessions/pattern'), {
      token: as(clerk),
      body: {
        from: '2027-03-22',
        to: '2027-04-02',
        sittings: [
          { weekdays: [1, 2, 3, 4, 5], kind: 'day', start: '09:00', end: '13:00' },
          { weekdays: [2, 4], kind: 'night', start: '18:00', end: '21:00' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const sessions = created.body.created;
    expect(sessions.filter((s) => s.kind === 'day').map((s) => s.date)).toEqual([
      '2027-03-22',
      '2027-03-23',
      '2027-03-24',
      '2027-03-25',
      '2027-03-26',
      '2027-03-29',
      '2027-03-30',
      '2027-03-31',
      '2027-04-01',
      '2027-04-02',
    ]);
    const nights = sessions.filter((s) => s.kind === 'night');
    expect(nights.map((s) => [s.date, s.start, s.end])).toEqual([
      ['2027-03-23', '18:00', '21:00'],
      ['2027-03-25', '18:00', '21:00'],
      ['2027-03-30', '18:00', '21:00'],
      ['2027-04-01', '18:00', '21:00'],
    ]);
    // 18:00 in Paris: 17:00 UTC in winter time, 16:00 UTC once the clocks went forward on 28 March.
    expect(nights.map((s) => [s.startsAt, s.endsAt])).toEqual([
      ['2027-03-23T17:00:00.000Z', '2027-03-23T20:00:00.000Z'],
      ['2027-03-25T17:00:00.000Z', '2027-03-25T20:00:00.000Z'],
      ['2027-03-30T16:00:00.000Z', '2027-03-30T19:00:00.000Z'],
      ['2027-04-01T16:00:00.000Z', '2027-04-01T19:00:00.000Z'],
    ]);
    expect(await auditCount('court_session.pattern_created')).toBe(1);

    const count = async () =>
      (await testDb().query(`SELECT count(*)::int AS n FROM court_sessions WHERE court_id = $1`, [court.id])).rows[0].n;
    expect(await count()).toBe(14);
    const overlapping = await http(api.baseUrl, 'POST', path('sessions'), {
      token: as(clerk),
      body: { date: '2027-03-23', kind: 'day', start: '12:00', end: '14:00' },
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body).toMatchObject({ code: 'scheduling.session_overlap', status: 409 });
    expect(overlapping.body.detail).toContain('2027-03-23 09:00–13:00');
    const april = await http(api.baseUrl, 'POST', path('sessions/pattern'), {
      token: as(clerk),
      body: {
        from: '2027-04-05',
        to: '2027-04-30',
        sittings: [
          { weekdays: [4], kind: 'night', start: '17:00', end: '19:00' },
          { weekdays: [1], kind: 'day', start: '09:00', end: '12:00' },
        ],
      },
    });
    expect(april.status).toBe(201);
    // A pattern of which one sitting (Monday 19 April, 10:00) clashes with April's Monday mornings: refused whole.
    const again = await http(api.baseUrl, 'POST', path('sessions/pattern'), {
      token: as(clerk),
      body: { from: '2027-04-19', to: '2027-05-07', sittings: [{ weekdays: [1, 2], kind: 'day', start: '10:00', end: '11:00' }] },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('scheduling.session_overlap');
    expect(await count()).toBe(14 + 8);
    // Touching is not overlapping: an afternoon after the morning sitting.
    const afternoon = await http<SessionView>(api.baseUrl, 'POST', path('sessions'), {
      token: as(clerk),
      body: { date: '2027-03-24', kind: 'day', start: '13:00', end: '16:00' },
    });
    expect(afternoon.status).toBe(201);
    expect(afternoon.body.startsAt).toBe('2027-03-24T12:00:00.000Z');
    for (const body of [
      { date: '2027-03-24', kind: 'night', start: '21:00', end: '18:00' },
      { date: '2027-02-30', kind: 'day', start: '09:00', end: '10:00' },
      { date: '2027-03-24', kind: 'day', start: '9:00', end: '10:00' },
    ]) {
      const res = await http(api.baseUrl, 'POST', path('sessions'), { token: as(clerk), body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const tooMany = await http(api.baseUrl, 'POST', path('sessions/pattern'), {
      token: as(clerk),
      body: { from: '2027-01-01', to: '2028-12-31', sittings: [{ weekdays: [1], kind: 'day', start: '09:00', end: '10:00' }] },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('scheduling.range_too_long');

    // The list needs its range.
    const unbounded = await http(api.baseUrl, 'GET', path('sessions'), { token: as(judge) });
    expect(unbounded.status).toBe(400);
    const week = await http<SessionView[]>(api.baseUrl, 'GET', `${path('sessions')}?from=2027-03-22&to=2027-03-28`, { token: as(judge) });
    expect(week.status).toBe(200);
    expect(week.body).toHaveLength(5 + 2 + 1);
  });

  it('deletes a session only while no published hearing is in it', async () => {
    const { body: week } = await http<SessionView[]>(api.baseUrl, 'GET', `${path('sessions')}?from=2027-03-29&to=2027-03-29`, {
      token: as(clerk),
    });
    const [monday] = week;
    const { body: tuesday } = await http<SessionView[]>(api.baseUrl, 'GET', `${path('sessions')}?from=2027-03-30&to=2027-03-30`, {
      token: as(clerk),
    });
    const { body: rooms } = await http<RoomView[]>(api.baseUrl, 'GET', path('rooms'), { token: as(clerk) });
    // The court's published timetable lists a hearing in Tuesday's day session.
    const plan = {
      format: 'ejustice.schedule-plan/1',
      assignments: [
        {
          case: 'c1',
          hearing: 0,
          part: 1,
          parts: 1,
          type: 'trial',
          session: tuesday[0].id,
          date: '2027-03-30',
          start: '09:00',
          end: '10:00',
          judge: judge.id,
          room: rooms[0].id,
          remote: false,
          interpreters: [],
        },
      ],
      unscheduled: [],
    };
    await testDb().query(
      `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at, published_at, published_by, publication)
       VALUES ($1, $2, 'published', 100, '2027-03-22', 1, 1, $3, now(), now(), $2, '{}')`,
      [court.id, clerk.id, JSON.stringify(plan)],
    );
    const refused = await http(api.baseUrl, 'DELETE', path(`sessions/${tuesday[0].id}`), { token: as(clerk) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('scheduling.session_in_use');
    const roomRefused = await http(api.baseUrl, 'DELETE', path(`rooms/${rooms[0].id}`), { token: as(clerk) });
    expect(roomRefused.status).toBe(409);
    expect(roomRefused.body.code).toBe('scheduling.room_in_use');
    const deleted = await http(api.baseUrl, 'DELETE', path(`sessions/${monday.id}`), { token: as(clerk) });
    expect(deleted.status).toBe(204);
    const { rows } = await testDb().query(`SELECT id FROM court_sessions WHERE id = ANY($1::uuid[])`, [[monday.id, tuesday[0].id]]);
    expect(rows.map((r: { id: string }) => r.id)).toEqual([tuesday[0].id]);
    expect(await auditCount('court_session.deleted')).toBe(1);
    await testDb().query(`DELETE FROM schedule_runs WHERE court_id = $1`, [court.id]);
  });

  it('adds and removes days off of exactly one judge, room, interpreter or supporter of the court', async () => {
    const { body: rooms } = await http<RoomView[]>(api.baseUrl, 'GET', path('rooms'), { token: as(clerk) });
    const leave = await http<UnavailabilityView>(api.baseUrl, 'POST', path('unavailability'), {
      token: as(clerk),
      body: { judgeUserId: judgeTwo.id, from: '2027-03-22', to: '2027-03-23' },
    });
    expect(leave.status).toBe(201);
    expect(leave.body).toEqual({ id: expect.any(String), owner: { type: 'judge', id: judgeTwo.id }, from: '2027-03-22', to: '2027-03-23' });
    const repairs = await http<UnavailabilityView>(api.baseUrl, 'POST', path('unavailability'), {
      token: as(clerk),
      body: { roomId: rooms[0].id, from: '2027-04-01', to: '2027-04-01' },
    });
    expect(repairs.status).toBe(201);

    const twoOwners = await http(api.baseUrl, 'POST', path('unavailability'), {
      token: as(clerk),
      body: { judgeUserId: judge.id, roomId: rooms[0].id, from: '2027-03-22', to: '2027-03-22' },
    });
    expect(twoOwners.status).toBe(400);
    expect(twoOwners.body.code).toBe('scheduling.unavailability_owner');
    const inverted = await http(api.baseUrl, 'POST', path('unavailability'), {
      token: as(clerk),
      body: { judgeUserId: judge.id, from: '2027-03-22', to: '2027-03-21' },
    });
    expect(inverted.status).toBe(400);
    const noProfile = await createUser({ roles: ['judge'], courtId: court.id });
    const withoutProfile = await http(api.baseUrl, 'POST', path('unavailability'), {
      token: as(clerk),
      body: { judgeUserId: noProfile.id, from: '2027-03-22', to: '2027-03-22' },
    });
    expect(withoutProfile.status).toBe(409);
    expect(withoutProfile.body.code).toBe('scheduling.judge_has_no_profile');
    const otherCourts = await http(api.baseUrl, 'POST', path('unavailability'), {
      token: as(clerk),
      body: { judgeUserId: otherJudge.id, from: '2027-03-22', to: '2027-03-22' },
    });
    expect(otherCourts.status).toBe(404);

    const listed = await http<UnavailabilityView[]>(api.baseUrl, 'GET', path('unavailability'), { token: as(judge) });
    expect(listed.body.map((u) => u.id)).toEqual([leave.body.id, repairs.body.id]);
    expect((await http(api.baseUrl, 'DELETE', path(`unavailability/${repairs.body.id}`), { token: as(clerk) })).status).toBe(204);
    const after = await http<UnavailabilityView[]>(api.baseUrl, 'GET', `${path('unavailability')}?from=2027-03-01&to=2027-04-30`, {
      token: as(clerk),
    });
    expect(after.body.map((u) => u.id)).toEqual([leave.body.id]);
    // Another court's clerk cannot remove this court's leave, even through their own court's path.
    const foreign = await http(api.baseUrl, 'DELETE', path(`unavailability/${leave.body.id}`, other.id), { token: as(otherClerk) });
    expect(foreign.status).toBe(404);
    expect(await auditCount('scheduling_unavailability.added')).toBe(2);
    expect(await auditCount('scheduling_unavailability.removed')).toBe(1);
  });

  it('reads the defaults, then sets the policy, checked against the solver’s own rules', async () => {
    const defaults = await http<SchedulingPolicyView>(api.baseUrl, 'GET', path('policy'), { token: as(judge) });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toEqual({ timeLimitSeconds: 10, horizonDays: 28, nightlyHour: null, policy: {}, updatedAt: null });

    const valid = {
      timeLimitSeconds: 2,
      horizonDays: 14,
      nightlyHour: 2,
      policy: { tierWeights: { custody: 10 }, unscheduledPenaltyDays: 120 },
    };
    for (const [body, code] of [
      [{ ...valid, policy: { nightCourt: true } }, 'scheduling.policy_invalid'],
      [{ ...valid, policy: { tierWeights: { custody: -1 } } }, 'scheduling.policy_invalid'],
      [{ ...valid, policy: { adjournmentReasonWeights: { defence_request: -0.5 } } }, 'scheduling.policy_invalid'],
      [{ ...valid, policy: { movePenalty: 'high' } }, 'scheduling.policy_invalid'],
      [{ ...valid, nightlyHour: 24 }, undefined],
      [{ ...valid, timeLimitSeconds: 601 }, undefined],
      [{ ...valid, horizonDays: 0 }, undefined],
      [{ ...valid, policy: [] }, undefined],
    ] as const) {
      const res = await http(api.baseUrl, 'PUT', path('policy'), { token: as(clerk), body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      if (code) expect(res.body.code).toBe(code);
    }
    expect(await auditCount('scheduling_policy.set')).toBe(0);

    const set = await http<SchedulingPolicyView>(api.baseUrl, 'PUT', path('policy'), { token: as(clerk), body: valid });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ ...valid, updatedAt: expect.any(String) });
    const byJudge = await http(api.baseUrl, 'PUT', path('policy'), { token: as(judge), body: valid });
    expect(byJudge.status).toBe(403);
    expect(await auditCount('scheduling_policy.set')).toBe(1);
  });

  it('refuses a judge and a clerk of another court, and a party or observer of this one, to read or to write', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', path('judges')],
      ['GET', path('rooms')],
      ['GET', path('interpreters')],
      ['GET', path('supporters')],
      ['GET', `${path('sessions')}?from=2027-03-22&to=2027-03-28`],
      ['GET', path('unavailability')],
      ['GET', path('policy')],
      ['POST', path('rooms'), { name: 'Intruder room', virtual: true, equipment: [], availableWeekdays: null, availableKinds: null }],
      ['POST', path('sessions'), { date: '2027-06-01', kind: 'day', start: '09:00', end: '10:00' }],
      ['PUT', path('policy'), { timeLimitSeconds: 1, horizonDays: 1, nightlyHour: null, policy: {} }],
    ];
    for (const [method, url, body] of routes) {
      for (const [user, code] of [
        [otherJudge, method === 'GET' ? 'scheduling.other_court' : 'scheduling.resources_role_forbidden'],
        [otherClerk, 'scheduling.other_court'],
        [party, method === 'GET' ? 'scheduling.role_forbidden' : 'scheduling.resources_role_forbidden'],
        [observer, method === 'GET' ? 'scheduling.role_forbidden' : 'scheduling.resources_role_forbidden'],
      ] as const) {
        const res = await http(api.baseUrl, method, url, { token: as(user), body });
        expect({ method, url, user: user.id, status: res.status, code: res.body?.code }).toEqual({
          method,
          url,
          user: user.id,
          status: 403,
          code,
        });
      }
    }
    const { rows } = await testDb().query(
      `SELECT (SELECT count(*)::int FROM scheduling_rooms WHERE name = 'Intruder room') AS rooms,
              (SELECT count(*)::int FROM court_sessions WHERE court_id = $1 AND sitting_on = '2027-06-01') AS sessions`,
      [court.id],
    );
    expect(rows[0]).toEqual({ rooms: 0, sessions: 0 });
  });

  it('plans on data entered through these routes alone: the assembled instance holds them and the solver lists a case with them', async () => {
    // A court of its own, every resource entered through the api.
    const fresh = await createCourt({ timeZone: 'Africa/Casablanca' });
    const registry = await createUser({ roles: ['clerk'], courtId: fresh.id });
    const presiding = await createUser({ roles: ['judge'], courtId: fresh.id, displayName: 'Judge Naciri' });
    const t = (await login(api.baseUrl, registry.email, registry.password)).accessToken;
    const at = (rest: string) => path(rest, fresh.id);
    const ok = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const res = await http<T>(api.baseUrl, method, url, { token: t, body });
      expect({ url, status: res.status }).toEqual({ url, status: method === 'POST' ? 201 : 200 });
      return res.body;
    };
    await ok('PUT', at(`judges/${presiding.id}`), {
      specialisms: ['criminal'],
      sittingWeekdays: [1, 2, 3, 4, 5],
      sittingKinds: ['day', 'night'],
      maxSittingMinutesPerDay: 300,
    });
    const room = await ok<RoomView>('POST', at('rooms'), {
      name: 'Salle 1',
      virtual: false,
      equipment: ['live_link'],
      availableWeekdays: null,
      availableKinds: null,
    });
    const interpreter = await ok<InterpreterView>('POST', at('interpreters'), {
      name: 'Interprète Alaoui',
      languages: ['ar'],
      availableWeekdays: null,
      availableKinds: null,
    });
    const supporter = await ok<SupporterView>('POST', at('supporters'), {
      name: 'Soutien Bennani',
      role: 'supporter',
      availableWeekdays: null,
      availableKinds: null,
    });
    const { created } = await ok<SessionPatternCreated>('POST', at('sessions/pattern'), {
      from: '2027-03-01',
      to: '2027-03-05',
      sittings: [
        { weekdays: [1, 2, 3, 4, 5], kind: 'day', start: '09:00', end: '12:00', rooms: [room.id] },
        { weekdays: [2], kind: 'night', start: '18:00', end: '20:00' },
      ],
    });
    expect(created).toHaveLength(6);
    // On leave on the Monday: the case cannot be heard then.
    await ok('POST', at('unavailability'), { judgeUserId: presiding.id, from: '2027-03-01', to: '2027-03-01' });
    await ok('PUT', at('policy'), { timeLimitSeconds: 1, horizonDays: 5, nightlyHour: null, policy: { unscheduledPenaltyDays: 50 } });

    // The case and the hearing it needs are the case's facts (another route's); arranged here.
    const kase = await createCase({ courtId: fresh.id, caseType: 'criminal' });
    await testDb().query(`INSERT INTO case_hearing_needs (case_id, seq, hearing_type, minutes) VALUES ($1, 1, 'bail', 60)`, [kase.id]);

    const instance = validateInstance(await api.app.get(SchedulingInstanceQueries).instanceFor(fresh.id, '2027-03-01'));
    expect(instance.policy).toEqual({ unscheduledPenaltyDays: 50 });
    expect(instance.judges).toEqual([
      expect.objectContaining({
        id: presiding.id,
        specialisms: ['criminal'],
        maxSittingMinutesPerDay: 300,
        leave: [{ from: '2027-03-01', to: '2027-03-01' }],
      }),
    ]);
    expect(instance.rooms).toEqual([expect.objectContaining({ id: room.id, virtual: false, equipment: ['live_link'] })]);
    expect(instance.interpreters).toEqual([expect.objectContaining({ id: interpreter.id, languages: ['ar'] })]);
    expect(instance.supporters).toEqual([expect.objectContaining({ id: supporter.id, role: 'supporter' })]);
    expect(instance.sessions.map((s) => [s.id, s.date, s.kind, s.start, s.end])).toEqual(
      created.map((s) => [s.id, s.date, s.kind, s.start, s.end]),
    );
    expect(instance.sessions[0].rooms).toEqual([room.id]);

    const { plan } = solveSchedule(instance, { seed: 1, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    expect(plan.assignments).toEqual([
      expect.objectContaining({
        case: kase.id,
        judge: presiding.id,
        room: room.id,
        session: created.find((s) => s.date === '2027-03-02' && s.kind === 'day')?.id,
      }),
    ]);
  });
});
