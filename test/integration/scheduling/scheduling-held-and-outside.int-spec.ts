import type { TestingModule } from '@nestjs/testing';
import { checkMove, checkPlan, solveSchedule, validateInstance } from '@ejustice/scheduling';
import { SchedulingInstanceQueries } from '@ejustice/scheduling-data';
import { closeTestDb, createCase, createCourt, createParticipant, testDb } from '@ejustice/testing';
import { publishAsClerk, solveDraft, startSchedulingData } from '@ejustice/testing/scheduling-data-module';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/*
 * The instance reflects the court as it is (audit of issue 11, gaps 2 and 3): a hearing held is
 * not listed again, and a hearing made outside the scheduler keeps its judge, counsel and court
 * room busy.
 */

describe('the scheduler’s instance: hearings held and hearings made outside it (integration)', () => {
  let moduleRef: TestingModule;
  let queries: SchedulingInstanceQueries;

  beforeAll(async () => {
    moduleRef = await startSchedulingData();
    queries = moduleRef.get(SchedulingInstanceQueries);
  });

  afterAll(async () => {
    await moduleRef.close();
    await closeTestDb();
  });

  const draft = (seeded: SeededSchedulingCourt, seed: number) => solveDraft(moduleRef, seeded, { seed });

  const publish = (seeded: SeededSchedulingCourt, runId: string) => publishAsClerk(moduleRef, seeded, runId);

  it('does not list again a hearing that has been held, nor release it, and a case with nothing left is not pending', async () => {
    const seeded = await seedSchedulingCourt();
    const first = await draft(seeded, 3);
    expect(first.plan.assignments.some((a) => a.case === seeded.cases.custody)).toBe(true);
    await publish(seeded, first.runId);
    // The custody case needs one bail hearing; it is held the way the hearing room holds one: opened, then closed.
    const { rows: held } = await testDb().query(
      `SELECT ph.hearing_id FROM published_hearings ph WHERE ph.case_id = $1 AND ph.need_index = 0`,
      [seeded.cases.custody],
    );
    expect(held).toHaveLength(1);
    const heldId: string = held[0].hearing_id;
    await testDb().query(`UPDATE hearings SET status = 'open' WHERE id = $1`, [heldId]);
    await testDb().query(`UPDATE hearings SET status = 'closed' WHERE id = $1`, [heldId]);

    const instance = await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START);
    expect(instance.cases.map((c) => c.id)).not.toContain(seeded.cases.custody);
    expect((instance.published ?? []).map((p) => p.case)).not.toContain(seeded.cases.custody);

    const second = await draft(seeded, 4);
    expect(second.plan.assignments.filter((a) => a.case === seeded.cases.custody)).toEqual([]);
    await publish(seeded, second.runId);
    const { rows: hearings } = await testDb().query(`SELECT id, status FROM hearings WHERE case_id = $1 ORDER BY created_at`, [
      seeded.cases.custody,
    ]);
    expect(hearings).toEqual([{ id: heldId, status: 'closed' }]);
    const { rows: need } = await testDb().query(`SELECT heard_hearing_id FROM case_hearing_needs WHERE case_id = $1`, [
      seeded.cases.custody,
    ]);
    expect(need).toEqual([{ heard_hearing_id: heldId }]);
  });

  it('keeps the next hearing its days after the one the case last had, counted in court time', async () => {
    const seeded = await seedSchedulingCourt();
    await testDb().query(`UPDATE courts SET time_zone = 'Africa/Cairo' WHERE id = $1`, [seeded.court.id]);
    // The trafficking case's case-management hearing was closed at half past midnight on Saturday 27
    // February in Cairo (still the 26th in UTC); its trial must come at least four days later.
    await testDb().query(
      `UPDATE case_hearing_needs SET heard_at = ('2027-02-27'::date + '00:30'::time) AT TIME ZONE 'Africa/Cairo' WHERE case_id = $1 AND seq = 1`,
      [seeded.cases.trafficking],
    );
    await testDb().query(`UPDATE case_hearing_needs SET min_days_after_previous = 4 WHERE case_id = $1 AND seq = 2`, [
      seeded.cases.trafficking,
    ]);

    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    const trafficking = instance.cases.find((c) => c.id === seeded.cases.trafficking);
    expect(trafficking).toMatchObject({ lastHeard: '2027-02-27', hearings: [{ type: 'trial', minutes: 180, minDaysAfterPrevious: 4 }] });

    const trial = (plan: { assignments: readonly { case: string; date: string }[] }) =>
      plan.assignments.filter((a) => a.case === seeded.cases.trafficking).map((a) => a.date);
    // Not vacuous: with the hearing held forgotten, the trial is listed before Wednesday 3 March.
    const forgotten = {
      ...instance,
      cases: instance.cases.map(({ lastHeard: _, ...c }) => c),
    };
    expect(trial(solveSchedule(forgotten, { seed: 7, timeLimitSeconds: 1 }).plan).some((date) => date < '2027-03-03')).toBe(true);

    const { plan } = solveSchedule(instance, { seed: 7, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    expect(trial(plan).length).toBeGreaterThan(0);
    for (const date of trial(plan)) expect(date >= '2027-03-03').toBe(true);
  });

  it('never releases a published hearing under way', async () => {
    const seeded = await seedSchedulingCourt();
    const first = await draft(seeded, 3);
    await publish(seeded, first.runId);
    const { rows } = await testDb().query(`SELECT hearing_id FROM published_hearings WHERE case_id = $1`, [seeded.cases.remote]);
    expect(rows).toHaveLength(1);
    await testDb().query(`UPDATE hearings SET status = 'open' WHERE id = $1`, [rows[0].hearing_id]);
    // The remote case is withdrawn meanwhile: the next draft no longer lists it, yet the hearing under way stays as it is.
    await testDb().query(`DELETE FROM case_hearing_needs WHERE case_id = $1`, [seeded.cases.remote]);
    const second = await draft(seeded, 4);
    await publish(seeded, second.runId);
    const { rows: after } = await testDb().query(
      `SELECT h.status, ph.hearing_id IS NOT NULL AS listed FROM hearings h LEFT JOIN published_hearings ph ON ph.hearing_id = h.id WHERE h.id = $1`,
      [rows[0].hearing_id],
    );
    expect(after).toEqual([{ status: 'open', listed: true }]);
  });

  it('keeps a judge’s and counsel’s hearings made outside the scheduler as fixed commitments', async () => {
    const seeded = await seedSchedulingCourt();
    const { rows: court } = await testDb().query(`SELECT time_zone FROM courts WHERE id = $1`, [seeded.court.id]);
    const tz: string = court[0].time_zone;
    // Scheduled directly (as POST /api/hearings does): the specialist presides on Monday and Tuesday from 08:00 to 17:00.
    const { rows: manual } = await testDb().query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end, presiding_judge_id)
       VALUES ($1, $2, 'Manual hearing', 'other', ('2027-03-01'::date + '08:00'::time) AT TIME ZONE $3, ('2027-03-01'::date + '17:00'::time) AT TIME ZONE $3, $4),
              ($1, $2, 'Manual hearing', 'other', ('2027-03-02'::date + '08:00'::time) AT TIME ZONE $3, ('2027-03-02'::date + '17:00'::time) AT TIME ZONE $3, $4)
       RETURNING id`,
      [seeded.court.id, seeded.cases.disposed, tz, seeded.judges.specialist.id],
    );
    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    expect(instance.commitments?.map((c) => c.id).sort()).toEqual(manual.map((r: { id: string }) => r.id).sort());
    expect(instance.commitments?.[0]).toMatchObject({ start: '08:00', end: '17:00', judges: [seeded.judges.specialist.id] });
    const { plan } = solveSchedule(instance, { seed: 7, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    const specialist = plan.assignments.filter((a) => a.judge === seeded.judges.specialist.id);
    expect(specialist.length).toBeGreaterThan(0);
    for (const a of specialist) expect(a.date >= '2027-03-03').toBe(true);

    // A clerk's move of a listing into the judge's manual hearing is refused.
    const moving = specialist[0];
    const session = seeded.sessions[0];
    const result = checkMove(instance, plan, { ...moving, session, start: '09:00', judge: seeded.judges.specialist.id, room: moving.room });
    expect(result.ok).toBe(false);
    expect(result.violations.map((v) => v.constraint)).toContain('double_booked');
  });

  it('keeps a court room booked by a hearing listed by hand free of the plan', async () => {
    const seeded = await seedSchedulingCourt();
    const room = seeded.rooms.liveLink;
    const booked = (a: { room: string; date: string }) => a.room === room && (a.date === '2027-03-01' || a.date === '2027-03-02');
    // Unbooked, the plan uses the room on those days (the live-link room is the only one some cases can have).
    const free = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    expect(solveSchedule(free, { seed: 7, timeLimitSeconds: 1 }).plan.assignments.filter(booked).length).toBeGreaterThan(0);
    const { rows: court } = await testDb().query(`SELECT time_zone FROM courts WHERE id = $1`, [seeded.court.id]);
    // Listed by hand (as POST /api/hearings with a roomId does): no judge of the court, nobody of a pending case.
    const { rows: manual } = await testDb().query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end, room_id)
       VALUES ($1, $2, 'In the live-link room', 'other', ('2027-03-01'::date + '00:00'::time) AT TIME ZONE $3, ('2027-03-03'::date + '00:00'::time) AT TIME ZONE $3, $4)
       RETURNING id`,
      [seeded.court.id, seeded.cases.disposed, court[0].time_zone, room],
    );

    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    expect(instance.commitments).toEqual([
      { id: manual[0].id, date: '2027-03-01', start: '00:00', end: '24:00', rooms: [room] },
      { id: manual[0].id, date: '2027-03-02', start: '00:00', end: '24:00', rooms: [room] },
    ]);
    const { plan } = solveSchedule(instance, { seed: 7, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    expect(plan.assignments.filter(booked)).toEqual([]);
    // Through the job too: the draft the clerk would publish leaves the room to the hearing.
    const { plan: drafted } = await draft(seeded, 5);
    expect(drafted.assignments.filter(booked)).toEqual([]);
  });

  it('keeps the court’s interpreter and supporter seated in a hearing listed by hand free of the plan', async () => {
    const seeded = await seedSchedulingCourt();
    const { rows: supporters } = await testDb().query(`SELECT id FROM court_supporters WHERE court_id = $1 AND name = 'Supporter Karim'`, [
      seeded.court.id,
    ]);
    const karim: string = supporters[0].id;
    // The custody case needs Arabic (Salem, the court's only interpreter of it), the family case a supporter (Karim, the only one).
    const needing = [seeded.cases.custody, seeded.cases.family];
    const held = (a: { case: string; date: string }) => needing.includes(a.case) && (a.date === '2027-03-01' || a.date === '2027-03-02');
    const free = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    expect(solveSchedule(free, { seed: 7, timeLimitSeconds: 1 }).plan.assignments.filter(held).length).toBeGreaterThan(0);
    const { rows: court } = await testDb().query(`SELECT time_zone FROM courts WHERE id = $1`, [seeded.court.id]);
    // Listed by hand (as POST /api/hearings, then POST …/participants naming the court's interpreter and supporter).
    const { rows: manual } = await testDb().query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end)
       VALUES ($1, $2, 'Listed by hand', 'other', ('2027-03-01'::date + '00:00'::time) AT TIME ZONE $3, ('2027-03-03'::date + '00:00'::time) AT TIME ZONE $3)
       RETURNING id`,
      [seeded.court.id, seeded.cases.disposed, court[0].time_zone],
    );
    await testDb().query(
      `INSERT INTO hearing_participants (hearing_id, hearing_role, display_name, language, court_interpreter_id) VALUES ($1, 'interpreter', 'Salem', 'ar', $2)`,
      [manual[0].id, seeded.interpreter],
    );
    await testDb().query(
      `INSERT INTO hearing_participants (hearing_id, hearing_role, display_name, court_supporter_id) VALUES ($1, 'supporter', 'Karim', $2)`,
      [manual[0].id, karim],
    );

    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    expect(instance.commitments).toEqual([
      { id: manual[0].id, date: '2027-03-01', start: '00:00', end: '24:00', interpreters: [seeded.interpreter], supporters: [karim] },
      { id: manual[0].id, date: '2027-03-02', start: '00:00', end: '24:00', interpreters: [seeded.interpreter], supporters: [karim] },
    ]);
    const { plan } = solveSchedule(instance, { seed: 7, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    expect(plan.assignments.filter(held)).toEqual([]);
  });

  it('never plans counsel of a pending case into their hearing in another case and court', async () => {
    const seeded = await seedSchedulingCourt();
    // Counsel for the defence in the custody case (and the trafficking case).
    const { rows: parties } = await testDb().query(
      `SELECT counsel_user_id FROM parties WHERE case_id = $1 AND counsel_user_id IS NOT NULL`,
      [seeded.cases.custody],
    );
    const counsel: string = parties[0].counsel_user_id;
    const elsewhere = await createCourt();
    const otherCase = await createCase({ courtId: elsewhere.id, caseType: 'civil' });
    const { rows: court } = await testDb().query(`SELECT time_zone FROM courts WHERE id = $1`, [seeded.court.id]);
    // Listed by hand in the other court: all of Monday and Tuesday, counsel appearing for a party there.
    const { rows: manual } = await testDb().query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end)
       VALUES ($1, $2, 'Elsewhere', 'trial', ('2027-03-01'::date + '08:00'::time) AT TIME ZONE $3, ('2027-03-02'::date + '17:00'::time) AT TIME ZONE $3)
       RETURNING id`,
      [elsewhere.id, otherCase.id, court[0].time_zone],
    );
    await createParticipant({ hearingId: manual[0].id, hearingRole: 'defence_counsel', userId: counsel });

    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    // A hearing over two days holds counsel on both.
    expect(instance.commitments).toEqual([
      { id: manual[0].id, date: '2027-03-01', start: '08:00', end: '24:00', people: [counsel] },
      { id: manual[0].id, date: '2027-03-02', start: '00:00', end: '17:00', people: [counsel] },
    ]);
    const theirs = instance.cases.filter((c) => (c.counsel ?? []).includes(counsel)).map((c) => c.id);
    expect(theirs).toEqual(expect.arrayContaining([seeded.cases.custody, seeded.cases.trafficking]));

    const { plan } = solveSchedule(instance, { seed: 7, timeLimitSeconds: 1 });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    const listed = plan.assignments.filter((a) => theirs.includes(a.case));
    expect(listed.length).toBeGreaterThan(0);
    // Free again from Tuesday 17:00 (the night court).
    const clear = (a: { date: string; start: string }) => a.date >= '2027-03-03' || (a.date === '2027-03-02' && a.start >= '17:00');
    expect(listed.filter((a) => !clear(a))).toEqual([]);

    // Through the job too: the draft the clerk would publish keeps counsel free.
    const { plan: drafted } = await draft(seeded, 5);
    expect(drafted.assignments.filter((a) => theirs.includes(a.case) && !clear(a))).toEqual([]);
  });
});
