import { type TestCourt, type TestUser, createCase, createCourt, createUser, testDb } from './factories';

/**
 * A small court's scheduling data, put straight into the database (arranging is not a court
 * action): three day sittings and a night court from Monday 1 March 2027, three judges (one a
 * trafficking specialist, one on leave on the Tuesday, one sitting nights only), a courtroom with
 * a live link, a plain one and a virtual room, an interpreter, an intermediary and a supporter,
 * and five pending cases: a trafficking case with a child witness and a custody limit, a custody
 * case needing an Arabic interpreter, a civil case that may be heard remotely, a family case with
 * a vulnerable victim, and one already disposed (not pending).
 */
export const SCHEDULING_HORIZON_START = '2027-03-01';

export interface SeededSchedulingCourt {
  court: TestCourt;
  clerk: TestUser;
  judges: { specialist: TestUser; onLeave: TestUser; nights: TestUser };
  rooms: { liveLink: string; plain: string; virtual: string };
  cases: { trafficking: string; custody: string; remote: string; family: string; disposed: string };
  interpreter: string;
  sessions: string[];
}

async function one(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await testDb().query(sql, params);
  return rows[0].id;
}

async function openedOn(caseId: string, isoDate: string): Promise<void> {
  await testDb().query(`UPDATE cases SET opened_at = $2::date WHERE id = $1`, [caseId, isoDate]);
}

async function needs(caseId: string, hearings: [type: string, minutes: number, minDays?: number][]): Promise<void> {
  for (const [i, [type, minutes, minDays]] of hearings.entries()) {
    await testDb().query(
      `INSERT INTO case_hearing_needs (case_id, seq, hearing_type, minutes, min_days_after_previous) VALUES ($1, $2, $3, $4, $5)`,
      [caseId, i + 1, type, minutes, minDays ?? null],
    );
  }
}

export async function seedSchedulingCourt(over: { timeLimitSeconds?: number } = {}): Promise<SeededSchedulingCourt> {
  const db = testDb();
  const court = await createCourt();
  const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
  const specialist = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Mansour' });
  const onLeave = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Benali' });
  const nights = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Haddad' });
  const counselA = await createUser({ roles: ['counsel'], courtId: court.id });
  const counselB = await createUser({ roles: ['counsel'], courtId: court.id });

  await db.query(`INSERT INTO court_scheduling_policies (court_id, time_limit_seconds, horizon_days, policy) VALUES ($1, $2, 7, $3)`, [
    court.id,
    over.timeLimitSeconds ?? 1,
    JSON.stringify({ unscheduledPenaltyDays: 90 }),
  ]);
  await db.query(
    `INSERT INTO judge_profiles (user_id, specialisms, sitting_weekdays, sitting_kinds, max_sitting_minutes_per_day) VALUES
       ($1, '{trafficking,criminal}', '{1,2,3,4,5}', '{day}', 360),
       ($2, '{}', NULL, '{day}', 300),
       ($3, '{}', NULL, '{night}', 180)`,
    [specialist.id, onLeave.id, nights.id],
  );
  await db.query(`INSERT INTO scheduling_unavailability (judge_user_id, from_date, to_date) VALUES ($1, '2027-03-02', '2027-03-02')`, [
    onLeave.id,
  ]);

  const liveLink = await one(
    `INSERT INTO scheduling_rooms (court_id, name, is_virtual, equipment) VALUES ($1, 'Courtroom 1', false, '{live_link}') RETURNING id`,
    [court.id],
  );
  const plain = await one(
    `INSERT INTO scheduling_rooms (court_id, name, is_virtual, equipment, available_kinds) VALUES ($1, 'Courtroom 2', false, '{}', '{day,night}') RETURNING id`,
    [court.id],
  );
  const virtual = await one(`INSERT INTO scheduling_rooms (court_id, name, is_virtual) VALUES ($1, 'Virtual room A', true) RETURNING id`, [
    court.id,
  ]);
  await db.query(`INSERT INTO scheduling_unavailability (room_id, from_date, to_date) VALUES ($1, '2027-03-03', '2027-03-03')`, [plain]);

  const sessions: string[] = [];
  for (const day of ['2027-03-01', '2027-03-02', '2027-03-03']) {
    sessions.push(
      await one(
        `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, $2, 'day', '09:00', '16:00') RETURNING id`,
        [court.id, day],
      ),
    );
  }
  const night = await one(
    `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, '2027-03-02', 'night', '18:00', '21:00') RETURNING id`,
    [court.id],
  );
  sessions.push(night);
  await db.query(`INSERT INTO court_session_rooms (session_id, room_id) VALUES ($1, $2), ($1, $3)`, [night, plain, virtual]);
  // Outside the seven-day horizon: never in the instance.
  await db.query(
    `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, '2027-04-01', 'day', '09:00', '16:00')`,
    [court.id],
  );

  const interpreter = await one(
    `INSERT INTO court_interpreters (court_id, name, languages, available_weekdays) VALUES ($1, 'Interpreter Salem', '{ar,fr}', '{1,2,3,4,5}') RETURNING id`,
    [court.id],
  );
  await db.query(
    `INSERT INTO court_supporters (court_id, name, role, available_kinds) VALUES ($1, 'Intermediary Idrissi', 'intermediary', '{day}'), ($1, 'Supporter Karim', 'supporter', NULL)`,
    [court.id],
  );

  const trafficking = (
    await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      parties: [
        { partyRole: 'victim', fullName: 'Amal Haddad', isProtected: true, pseudonym: 'V-1', counselUserId: counselA.id },
        { partyRole: 'defendant', fullName: 'Omar Salim', counselUserId: counselB.id },
      ],
    })
  ).id;
  await openedOn(trafficking, '2025-06-10');
  await db.query(
    `INSERT INTO case_scheduling_facts (case_id, offence, in_custody, custody_limit, needs_intermediary) VALUES ($1, 'trafficking in persons', true, '2027-03-05', true)`,
    [trafficking],
  );
  await db.query(
    `INSERT INTO case_scheduling_people (case_id, role, person_key, is_child, is_vulnerable) VALUES ($1, 'victim', NULL, true, false), ($1, 'witness', 'w-child-1', true, false)`,
    [trafficking],
  );
  await needs(trafficking, [
    ['case_management', 30],
    ['trial', 180, 1],
  ]);
  await db.query(
    `INSERT INTO case_adjournments (case_id, adjourned_on, reason) VALUES ($1, '2026-11-02', 'courts_suspended'), ($1, '2027-01-12', 'no_court_time')`,
    [trafficking],
  );

  const custody = (
    await createCase({
      courtId: court.id,
      caseType: 'criminal',
      parties: [{ partyRole: 'defendant', fullName: 'Karim Tahir', counselUserId: counselB.id }],
    })
  ).id;
  await openedOn(custody, '2026-09-01');
  await db.query(
    `INSERT INTO case_scheduling_facts (case_id, offence, in_custody, custody_limit, interpreter_languages) VALUES ($1, 'robbery', true, '2027-03-20', '{ar}')`,
    [custody],
  );
  await needs(custody, [['bail', 45]]);
  await db.query(`INSERT INTO case_adjournments (case_id, adjourned_on, reason) VALUES ($1, '2026-12-01', 'interpreter_unavailable')`, [
    custody,
  ]);

  const remote = (await createCase({ courtId: court.id, caseType: 'civil' })).id;
  await openedOn(remote, '2024-02-15');
  await db.query(`INSERT INTO case_scheduling_facts (case_id, remote_allowed) VALUES ($1, true)`, [remote]);
  await needs(remote, [['case_management', 60]]);

  const family = (await createCase({ courtId: court.id, caseType: 'family' })).id;
  await openedOn(family, '2026-01-20');
  await db.query(`INSERT INTO case_scheduling_facts (case_id, needs_supporter) VALUES ($1, true)`, [family]);
  await db.query(`INSERT INTO case_scheduling_people (case_id, role, is_vulnerable) VALUES ($1, 'victim', true)`, [family]);
  await needs(family, [['testimony', 90]]);

  const disposed = (await createCase({ courtId: court.id, caseType: 'civil' })).id;
  await needs(disposed, [['trial', 60]]);
  await db.query(`UPDATE cases SET status = 'disposed', disposed_at = now() WHERE id = $1`, [disposed]);

  return {
    court,
    clerk,
    judges: { specialist, onLeave, nights },
    rooms: { liveLink, plain, virtual },
    cases: { trafficking, custody, remote, family, disposed },
    interpreter,
    sessions,
  };
}
