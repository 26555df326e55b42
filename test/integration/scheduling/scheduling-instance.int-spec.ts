import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { checkPlan, solveSchedule, validateInstance } from '@ejustice/scheduling';
import { ABANDONED_SENTENCE, RunSchedule, SchedulingInstanceQueries } from '@ejustice/scheduling-data';
import { closeTestDb, createCourt, testDb } from '@ejustice/testing';
import { startSchedulingData } from '@ejustice/testing/scheduling-data-module';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/*
 * The scheduling model against the real PostgreSQL with the real migrations: a court's data
 * seeded in the tables, the solver's instance assembled from them, validated, solved, and the
 * plan checked by the independent checker. The solver's own rules are libs/scheduling's tests.
 */

describe('the scheduling model, persisted: a court’s instance from the database (integration)', () => {
  let moduleRef: TestingModule;
  let queries: SchedulingInstanceQueries;
  let seeded: SeededSchedulingCourt;

  beforeAll(async () => {
    moduleRef = await startSchedulingData();
    queries = moduleRef.get(SchedulingInstanceQueries);
    seeded = await seedSchedulingCourt();
  });

  afterAll(async () => {
    await moduleRef.close();
    await closeTestDb();
  });

  it('assembles every fact that drives priority and placement, for this court only', async () => {
    const instance = await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START);
    expect(instance.horizon).toEqual({ start: SCHEDULING_HORIZON_START });
    expect(instance.policy).toEqual({ unscheduledPenaltyDays: 90 });
    // Pending only: the disposed case is not in it.
    expect(instance.cases.map((c) => c.id).sort()).toEqual(
      [seeded.cases.trafficking, seeded.cases.custody, seeded.cases.remote, seeded.cases.family].sort(),
    );
    const trafficking = instance.cases.find((c) => c.id === seeded.cases.trafficking);
    expect(trafficking).toEqual({
      id: seeded.cases.trafficking,
      type: 'trafficking',
      offence: 'trafficking in persons',
      filed: '2025-06-10',
      custody: { limit: '2027-03-05' },
      victims: [{ child: true, vulnerable: false }],
      witnesses: [{ id: 'w-child-1', child: true, vulnerable: false }],
      counsel: expect.any(Array),
      needs: { intermediary: true, supporter: false, liveLink: false },
      hearings: [
        { type: 'case_management', minutes: 30 },
        { type: 'trial', minutes: 180, minDaysAfterPrevious: 1 },
      ],
      adjournments: [
        { date: '2026-11-02', reason: 'courts_suspended' },
        { date: '2027-01-12', reason: 'no_court_time' },
      ],
    });
    expect(trafficking?.counsel).toHaveLength(2);
    expect(instance.cases.find((c) => c.id === seeded.cases.custody)).toMatchObject({
      interpreterLanguages: ['ar'],
      custody: { limit: '2027-03-20' },
    });
    expect(instance.cases.find((c) => c.id === seeded.cases.remote)).toMatchObject({ remoteAllowed: true, filed: '2024-02-15' });
    expect(instance.cases.find((c) => c.id === seeded.cases.family)).toMatchObject({
      needs: { supporter: true },
      victims: [{ vulnerable: true }],
    });

    // Sessions within the seven-day horizon, with their hours and, for the night court, its rooms.
    expect(instance.sessions).toHaveLength(4);
    expect(instance.sessions.find((s) => s.kind === 'night')).toEqual({
      id: seeded.sessions[3],
      date: '2027-03-02',
      kind: 'night',
      start: '18:00',
      end: '21:00',
      rooms: [seeded.rooms.plain, seeded.rooms.virtual].sort(),
    });
    expect(instance.sessions.find((s) => s.id === seeded.sessions[0])).toEqual({
      id: seeded.sessions[0],
      date: '2027-03-01',
      kind: 'day',
      start: '09:00',
      end: '16:00',
    });

    expect(instance.judges.find((j) => j.id === seeded.judges.specialist.id)).toEqual({
      id: seeded.judges.specialist.id,
      name: 'Judge Mansour',
      specialisms: ['trafficking', 'criminal'],
      sittingPattern: { weekdays: [1, 2, 3, 4, 5], kinds: ['day'] },
      maxSittingMinutesPerDay: 360,
    });
    expect(instance.judges.find((j) => j.id === seeded.judges.onLeave.id)?.leave).toEqual([{ from: '2027-03-02', to: '2027-03-02' }]);
    expect(instance.rooms.find((r) => r.id === seeded.rooms.liveLink)).toEqual({
      id: seeded.rooms.liveLink,
      name: 'Courtroom 1',
      virtual: false,
      equipment: ['live_link'],
    });
    expect(instance.rooms.find((r) => r.id === seeded.rooms.plain)?.available).toEqual({
      kinds: ['day', 'night'],
      unavailable: [{ from: '2027-03-03', to: '2027-03-03' }],
    });
    expect(instance.rooms.find((r) => r.id === seeded.rooms.virtual)?.virtual).toBe(true);
    expect(instance.interpreters).toEqual([{ id: seeded.interpreter, languages: ['ar', 'fr'], available: { weekdays: [1, 2, 3, 4, 5] } }]);
    expect(instance.supporters?.map((s) => s.role).sort()).toEqual(['intermediary', 'supporter']);
  });

  it('is a valid instance; the solver places the backlog and the checker finds no violation', async () => {
    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    const { plan } = solveSchedule(instance, { seed: 7, timeLimitSeconds: 2 });
    const check = checkPlan(instance, plan);
    expect(check.violations).toEqual([]);
    expect(plan.summary.cases).toBe(4);
    expect(plan.summary.hearingsPlaced).toBe(plan.summary.hearings);
    // The trafficking case with a child witness: a specialist judge, a day session, the live-link room, an intermediary.
    const trial = plan.assignments.filter((a) => a.case === seeded.cases.trafficking);
    expect(trial.length).toBeGreaterThanOrEqual(2);
    for (const a of trial) {
      expect(a.judge).toBe(seeded.judges.specialist.id);
      expect(a.room).toBe(seeded.rooms.liveLink);
      expect(a.intermediary).toEqual(expect.any(String));
      expect(a.date <= '2027-03-05').toBe(true);
    }
    const bail = plan.assignments.find((a) => a.case === seeded.cases.custody);
    expect(bail?.interpreters).toEqual([{ language: 'ar', interpreter: seeded.interpreter }]);
  });

  it('holds an empty court to an empty, still valid instance', async () => {
    const court = await createCourt();
    const instance = validateInstance(await queries.instanceFor(court.id, SCHEDULING_HORIZON_START));
    expect(instance.cases).toEqual([]);
    expect(instance.judges).toEqual([]);
    expect(checkPlan(instance, solveSchedule(instance, { seed: 1, timeLimitSeconds: 1 }).plan).violations).toEqual([]);
  });

  it('keeps its invariants in SQL: custody with its limit, one owner per day off, one run state at a time', async () => {
    await expect(
      testDb().query(`INSERT INTO case_scheduling_facts (case_id, in_custody) VALUES ($1, true)`, [seeded.cases.disposed]),
    ).rejects.toThrow(/case_scheduling_custody_has_limit/);
    await expect(
      testDb().query(
        `INSERT INTO scheduling_unavailability (room_id, interpreter_id, from_date, to_date) VALUES ($1, $2, '2027-03-01', '2027-03-01')`,
        [seeded.rooms.plain, seeded.interpreter],
      ),
    ).rejects.toThrow(/scheduling_unavailability_one_owner/);
    await expect(
      testDb().query(
        `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, '2027-03-01', 'night', '21:00', '18:00')`,
        [seeded.court.id],
      ),
    ).rejects.toThrow(/court_sessions_hours/);
    await expect(
      testDb().query(
        `INSERT INTO schedule_runs (court_id, requested_by, status, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, 'done', '2027-03-01', 1, 1)`,
        [seeded.court.id, seeded.clerk.id],
      ),
    ).rejects.toThrow(/schedule_runs_done_has_plan/);
  });

  it('runs a queued run in-process: the draft plan is stored, checked, with its figures', async () => {
    const runId = randomUUID();
    await testDb().query(
      `INSERT INTO schedule_runs (id, court_id, requested_by, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, $3, $4, 3, 1)`,
      [runId, seeded.court.id, seeded.clerk.id, SCHEDULING_HORIZON_START],
    );
    const reported: number[] = [];
    await moduleRef.get(RunSchedule).execute(runId, async (p) => void reported.push(p));
    const { rows } = await testDb().query(
      `SELECT status, progress, objective, bound, gap, cases_count, plan, error, started_at, finished_at FROM schedule_runs WHERE id = $1`,
      [runId],
    );
    expect(rows[0]).toMatchObject({
      status: 'done',
      progress: 100,
      cases_count: 4,
      error: null,
      objective: expect.any(Number),
      bound: expect.any(Number),
    });
    expect(rows[0].finished_at.getTime()).toBeGreaterThanOrEqual(rows[0].started_at.getTime());
    // Claimed, assembled, then the solver's progress at each of its six phases at least, checked, done.
    expect(reported.slice(0, 2)).toEqual([5, 20]);
    expect(reported.slice(-2)).toEqual([95, 100]);
    const solving = reported.slice(2, -2);
    expect(solving.length).toBeGreaterThanOrEqual(6);
    expect(solving.every((percent) => percent >= 20 && percent <= 95)).toBe(true);
    expect(reported.every((percent, i) => i === 0 || percent >= reported[i - 1])).toBe(true);
    const instance = await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START);
    expect(checkPlan(instance, rows[0].plan).violations).toEqual([]);

    // A run already done is neither solved again nor declared abandoned.
    await moduleRef.get(RunSchedule).execute(runId, async () => undefined);
    const again = await testDb().query(`SELECT status, plan, finished_at FROM schedule_runs WHERE id = $1`, [runId]);
    expect(again.rows[0]).toEqual({ status: 'done', plan: rows[0].plan, finished_at: rows[0].finished_at });
  });

  it('fails a run handed out again while running (its worker died), and keeps a finished run as it is', async () => {
    const runId = randomUUID();
    await testDb().query(
      `INSERT INTO schedule_runs (id, court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, started_at)
       VALUES ($1, $2, $3, 'running', 20, $4, 1, 1, now())`,
      [runId, seeded.court.id, seeded.clerk.id, SCHEDULING_HORIZON_START],
    );
    await moduleRef.get(RunSchedule).execute(runId, async () => undefined);
    const { rows } = await testDb().query(`SELECT status, error, plan, finished_at FROM schedule_runs WHERE id = $1`, [runId]);
    expect(rows[0]).toMatchObject({ status: 'failed', error: ABANDONED_SENTENCE, plan: null, finished_at: expect.any(Date) });

    await moduleRef.get(RunSchedule).execute(runId, async () => undefined);
    const again = await testDb().query(`SELECT status, error, finished_at FROM schedule_runs WHERE id = $1`, [runId]);
    expect(again.rows[0]).toEqual({ status: 'failed', error: ABANDONED_SENTENCE, finished_at: rows[0].finished_at });
  });

  it('fails a run on inconsistent data with a sentence a clerk can act on', async () => {
    const court = await createCourt();
    await testDb().query(
      `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, '2027-03-01', 'day', '09:00', '16:00')`,
      [court.id],
    );
    // A sitting of thirty seconds passes SQL (ends after it starts) but is no sitting to the solver: its minutes are equal.
    await testDb().query(`UPDATE court_sessions SET starts_at = '09:00', ends_at = '09:00:30' WHERE court_id = $1`, [court.id]);
    const runId = randomUUID();
    const clerk = seeded.clerk.id;
    await testDb().query(
      `INSERT INTO schedule_runs (id, court_id, requested_by, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, $3, $4, 1, 1)`,
      [runId, court.id, clerk, SCHEDULING_HORIZON_START],
    );
    await moduleRef.get(RunSchedule).execute(runId, async () => undefined);
    const { rows } = await testDb().query(`SELECT status, error, plan FROM schedule_runs WHERE id = $1`, [runId]);
    expect(rows[0].status).toBe('failed');
    expect(rows[0].plan).toBeNull();
    expect(rows[0].error).toMatch(/^The court's scheduling data is not complete or not consistent; fix it and run again\. sessions\[0\]/);
  });
});
