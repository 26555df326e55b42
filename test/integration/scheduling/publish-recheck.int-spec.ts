import type { TestingModule } from '@nestjs/testing';
import { DomainError } from '@ejustice/platform';
import { ScheduleMoves } from '@ejustice/scheduling-data';
import type { PlanAssignment, SchedulePlan } from '@ejustice/scheduling';
import { closeTestDb, testDb } from '@ejustice/testing';
import { publishAsClerk, solveDraft, startSchedulingData } from '@ejustice/testing/scheduling-data-module';
import { settlesWithin } from '@ejustice/testing/wait-for';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/*
 * Publishing checks the draft again against the court's data as it is at the moment of
 * publishing: leave entered, a sitting changed or removed, a room closed since the draft was
 * made refuse the publication with the broken constraints, and nothing is written.
 */

describe('publishing a draft re-checks it against the court’s data of today (integration)', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await startSchedulingData();
  });

  afterAll(async () => {
    await moduleRef.close();
    await closeTestDb();
  });

  /** A seeded court with a draft solved in-process (status done), and the draft's plan. */
  async function draftOfSeededCourt(): Promise<{ court: SeededSchedulingCourt; runId: string; plan: SchedulePlan }> {
    const court = await seedSchedulingCourt({ timeLimitSeconds: 1 });
    const { runId, plan } = await solveDraft(moduleRef, court, { seed: 5 });
    expect(plan.assignments.length).toBeGreaterThan(0);
    return { court, runId, plan };
  }

  const publish = (court: SeededSchedulingCourt, runId: string) => publishAsClerk(moduleRef, court, runId);

  /** The refusal a publication gave, or a failure of the test when it published. */
  async function refusal(court: SeededSchedulingCourt, runId: string): Promise<DomainError> {
    const error = await publish(court, runId).then(
      (publication) => new Error(`published: ${JSON.stringify(publication)}`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  const brokenConstraints = (error: DomainError) =>
    [...new Set((error.details?.violations as { constraint: string }[]).map((v) => v.constraint))].sort();

  /**
   * A hearing listed by hand (outside the scheduler) at the listing's date and hours on the
   * court's clock, of a case the draft does not list, binding only the judge or the room given.
   */
  const listByHand = (court: SeededSchedulingCourt, listing: PlanAssignment, binds: { judge?: string; room?: string }) =>
    testDb().query<{ id: string }>(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end, presiding_judge_id, room_id)
       SELECT $1, $2, 'Listed by hand', 'other', ($3::date + $4::time) AT TIME ZONE c.time_zone, ($3::date + $5::time) AT TIME ZONE c.time_zone, $6::uuid, $7::uuid
         FROM courts c WHERE c.id = $1 RETURNING id`,
      [court.court.id, court.cases.disposed, listing.date, listing.start, listing.end, binds.judge ?? null, binds.room ?? null],
    );

  /** Nothing of the publication was written: no hearing, no listing, no notice, no audit, the run still a draft. */
  async function expectNothingWritten(court: SeededSchedulingCourt, runId: string): Promise<void> {
    const { rows } = await testDb().query(
      `SELECT (SELECT count(*)::int FROM hearings WHERE court_id = $1) AS hearings,
              (SELECT count(*)::int FROM published_hearings WHERE court_id = $1) AS listed,
              (SELECT count(*)::int FROM inbox_messages WHERE schedule_run_id = $2) AS inbox,
              (SELECT count(*)::int FROM hearing_summonses WHERE court_id = $1) AS summonses,
              (SELECT count(*)::int FROM audit_events WHERE court_id = $1 AND action IN ('hearing.scheduled', 'schedule_run.published')) AS audit,
              (SELECT status FROM schedule_runs WHERE id = $2) AS status`,
      [court.court.id, runId],
    );
    expect(rows[0]).toEqual({ hearings: 0, listed: 0, inbox: 0, summonses: 0, audit: 0, status: 'done' });
  }

  it('refuses a draft whose judge has gone on leave on a day it lists them, and publishes once the leave is gone', async () => {
    const { court, runId, plan } = await draftOfSeededCourt();
    const listing = plan.assignments[0];
    const { rows } = await testDb().query(
      `INSERT INTO scheduling_unavailability (judge_user_id, from_date, to_date) VALUES ($1, $2, $2) RETURNING id`,
      [listing.judge, listing.date],
    );

    const error = await refusal(court, runId);
    expect(error).toMatchObject({ kind: 'conflict', code: 'scheduling.draft_invalid' });
    expect(brokenConstraints(error)).toEqual(['judge_not_sitting']);
    expect(error.message).toMatch(/nothing was published/);
    expect(error.message).toMatch(/Run the scheduler again/);
    await expectNothingWritten(court, runId);

    await testDb().query(`DELETE FROM scheduling_unavailability WHERE id = $1`, [rows[0].id]);
    const publication = await publish(court, runId);
    expect(publication).toMatchObject({ status: 'published', created: plan.assignments.length });
  });

  it('refuses a draft listing a hearing in a sitting removed since', async () => {
    const { court, runId, plan } = await draftOfSeededCourt();
    const listing = plan.assignments[0];
    await testDb().query(`DELETE FROM court_session_rooms WHERE session_id = $1`, [listing.session]);
    await testDb().query(`DELETE FROM court_sessions WHERE id = $1`, [listing.session]);

    const error = await refusal(court, runId);
    expect(error.code).toBe('scheduling.draft_invalid');
    expect(brokenConstraints(error)).toContain('unknown_reference');
    await expectNothingWritten(court, runId);
  });

  it('refuses a draft listing a hearing outside its sitting’s new hours', async () => {
    const { court, runId, plan } = await draftOfSeededCourt();
    const listing = plan.assignments[0];
    // The sitting now starts when the listing ends.
    await testDb().query(`UPDATE court_sessions SET starts_at = $2::time, ends_at = '23:00' WHERE id = $1`, [listing.session, listing.end]);

    const error = await refusal(court, runId);
    expect(error.code).toBe('scheduling.draft_invalid');
    expect(brokenConstraints(error)).toContain('outside_session');
    await expectNothingWritten(court, runId);
  });

  it('refuses a draft listing a hearing in a room closed since on that day', async () => {
    const { court, runId, plan } = await draftOfSeededCourt();
    const listing = plan.assignments[0];
    await testDb().query(`INSERT INTO scheduling_unavailability (room_id, from_date, to_date) VALUES ($1, $2, $2)`, [
      listing.room,
      listing.date,
    ]);

    const error = await refusal(court, runId);
    expect(error.code).toBe('scheduling.draft_invalid');
    expect(brokenConstraints(error)).toEqual(['room_not_open']);
    await expectNothingWritten(court, runId);
  });

  // A judge of the court listed by hand, or only the room booked (no judge, nobody of the case).
  it.each([
    ['judge', 'has been listed meanwhile in a hearing outside the scheduler', 'scheduling.judge_double_booked'],
    ['room', 'has been booked meanwhile for a hearing listed by hand', 'scheduling.room_double_booked'],
  ] as const)('refuses a draft whose %s %s, as %s', async (taken, _meanwhile, code) => {
    const { court, runId, plan } = await draftOfSeededCourt();
    const listing = plan.assignments[0];
    const { rows } = await listByHand(court, listing, { [taken]: listing[taken] });

    const error = await refusal(court, runId);
    expect(error.code).toBe(code);
    expect(brokenConstraints(error)).toEqual(['double_booked']);
    await testDb().query(`DELETE FROM hearings WHERE id = $1`, [rows[0].id]);
    await expectNothingWritten(court, runId);
  });

  it('publishes hearings that hold the rooms of their listings: the database refuses another booking of one at that time', async () => {
    const { court, runId, plan } = await draftOfSeededCourt();
    await publish(court, runId);
    const { rows: held } = await testDb().query(
      `SELECT count(*)::int AS n FROM published_hearings ph JOIN hearings h ON h.id = ph.hearing_id
        WHERE ph.court_id = $1 AND h.room_id = ph.room_id`,
      [court.court.id],
    );
    expect(held[0].n).toBe(plan.assignments.length);
    const listing = plan.assignments[0];

    const booking = listByHand(court, listing, { room: listing.room });

    await expect(booking).rejects.toMatchObject({ code: '23P01', constraint: 'hearings_room_not_double_booked' });
  });

  describe('a draft re-planning a published timetable', () => {
    /** The court's timetable published, then a copy of it (with `change`) as a new draft. */
    async function republished(change: (plan: SchedulePlan, under: PlanAssignment) => SchedulePlan) {
      const { court, runId, plan } = await draftOfSeededCourt();
      await publish(court, runId);
      const under = plan.assignments[0];
      // Every published hearing of that judge that day has opened: the court is sitting.
      const { rows: opened } = await testDb().query(
        `UPDATE hearings h SET status = 'open' FROM published_hearings ph
          WHERE ph.hearing_id = h.id AND ph.court_id = $1 AND ph.judge_id = $2 AND ph.session_id IN
                (SELECT id FROM court_sessions WHERE sitting_on = $3::date)
          RETURNING h.id`,
        [court.court.id, under.judge, under.date],
      );
      expect(opened.length).toBeGreaterThan(0);
      // The judge is marked away that day after the sitting began: it concerns only hearings not yet under way.
      await testDb().query(`INSERT INTO scheduling_unavailability (judge_user_id, from_date, to_date) VALUES ($1, $2, $2)`, [
        under.judge,
        under.date,
      ]);
      const { rows } = await testDb().query(
        `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at)
         VALUES ($1, $2, 'done', 100, $3, 3, 1, $4, now()) RETURNING id`,
        [court.court.id, court.clerk.id, SCHEDULING_HORIZON_START, JSON.stringify(change(plan, under))],
      );
      return { court, runId: rows[0].id as string, under };
    }

    it('keeps listings of hearings under way without checking them again', async () => {
      const { court, runId } = await republished((plan) => plan);
      await expect(publish(court, runId)).resolves.toMatchObject({ status: 'published', created: 0, moved: 0 });
    });

    it('still refuses to move a hearing under way as such, not as an invalid draft', async () => {
      const { court, runId } = await republished((plan, under) => ({
        ...plan,
        assignments: plan.assignments.map((a) => (a === under ? { ...a, start: a.end, end: a.end } : a)),
      }));
      const error = await refusal(court, runId);
      expect(error.code).toBe('scheduling.hearing_under_way');
    });
  });

  describe('on a database pool of one connection', () => {
    let onePool: TestingModule;

    beforeAll(async () => {
      onePool = await startSchedulingData({ DATABASE_POOL_SIZE: '1' });
    });

    afterAll(async () => {
      await onePool.close();
    });

    // The re-check reads the court's data inside the publishing transaction: were it to ask the
    // pool for a second connection while holding one, a pool as busy as its size (here: one
    // publication) would wait for itself forever.
    it('publishes: the re-check needs no second connection', async () => {
      const { court, runId, plan } = await draftOfSeededCourt();
      await expect(
        settlesWithin(publishAsClerk(onePool, court, runId), 15_000, 'the publication (holding a connection, asking for another)'),
      ).resolves.toMatchObject({
        status: 'published',
        created: plan.assignments.length,
      });
    }, 30_000);

    // The same for a clerk's move in a draft, checked against the court's data in its transaction.
    it('saves a move in a draft: its check needs no second connection', async () => {
      const { court, runId, plan } = await draftOfSeededCourt();
      const a = plan.assignments[0];
      const move = { case: a.case, hearing: a.hearing, part: a.part, session: a.session, start: a.start, judge: a.judge, room: a.room };
      const actor = { courtId: court.court.id, roles: ['clerk'] as const, userId: court.clerk.id };
      // The listing moved to where it already is: nothing breaks, and the check reads the whole court.
      await expect(
        settlesWithin(
          onePool.get(ScheduleMoves).apply(actor, court.court.id, runId, move),
          15_000,
          'the move (holding a connection, asking for another)',
        ),
      ).resolves.toBeUndefined();
      const { rows } = await testDb().query(
        `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'schedule_run.listing_moved'`,
        [runId],
      );
      expect(rows[0].n).toBe(1);
    }, 30_000);
  });
});
