import type { TestingModule } from '@nestjs/testing';
import { checkPlan, validateInstance } from '@ejustice/scheduling';
import { SchedulingInstanceQueries } from '@ejustice/scheduling-data';
import { closeTestDb, testDb } from '@ejustice/testing';
import { publishAsClerk, solveDraft, startSchedulingData } from '@ejustice/testing/scheduling-data-module';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/*
 * The interpreters and supporters a published timetable seats are the court's own, by id: the
 * next plan knows who sits where (so nobody is listed twice at once), and a re-plan that puts
 * someone else in their place changes the seats and tells both (a summons each).
 */

interface HelperSeat {
  id: string;
  hearing_role: string;
  display_name: string;
  state: string;
  language: string | null;
  court_interpreter_id: string | null;
  court_supporter_id: string | null;
}

describe('interpreters and supporters seated by the published timetable (integration)', () => {
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

  const publishedHearing = async (caseId: string): Promise<string> => {
    const { rows } = await testDb().query(`SELECT hearing_id FROM published_hearings WHERE case_id = $1`, [caseId]);
    expect(rows).toHaveLength(1);
    return rows[0].hearing_id;
  };

  const helperSeats = async (hearingId: string): Promise<HelperSeat[]> =>
    (
      await testDb().query(
        `SELECT id, hearing_role, display_name, state, language, court_interpreter_id, court_supporter_id
           FROM hearing_participants WHERE hearing_id = $1 AND hearing_role IN ('interpreter', 'supporter') ORDER BY created_at, id`,
        [hearingId],
      )
    ).rows;

  async function firstPublication(): Promise<{
    seeded: SeededSchedulingCourt;
    custodyHearing: string;
    familyHearing: string;
    karim: string;
  }> {
    const seeded = await seedSchedulingCourt();
    const first = await solveDraft(moduleRef, seeded, { seed: 3 });
    await publishAsClerk(moduleRef, seeded, first.runId);
    const { rows } = await testDb().query(`SELECT id FROM court_supporters WHERE court_id = $1 AND name = 'Supporter Karim'`, [
      seeded.court.id,
    ]);
    return {
      seeded,
      custodyHearing: await publishedHearing(seeded.cases.custody),
      familyHearing: await publishedHearing(seeded.cases.family),
      karim: rows[0].id,
    };
  }

  it('seats each by id, the interpreter with the language, and hands them to the next plan as the hearing’s', async () => {
    const { seeded, custodyHearing, familyHearing, karim } = await firstPublication();
    expect(await helperSeats(custodyHearing)).toMatchObject([
      {
        hearing_role: 'interpreter',
        display_name: 'Interpreter Salem (ar)',
        state: 'invited',
        language: 'ar',
        court_interpreter_id: seeded.interpreter,
        court_supporter_id: null,
      },
    ]);
    expect(await helperSeats(familyHearing)).toMatchObject([
      { hearing_role: 'supporter', display_name: 'Supporter Karim', court_interpreter_id: null, court_supporter_id: karim },
    ]);

    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    const entry = (caseId: string) => instance.published?.find((p) => p.case === caseId);
    expect(entry(seeded.cases.custody)).toMatchObject({ interpreters: [seeded.interpreter] });
    expect(entry(seeded.cases.custody)?.supporters).toBeUndefined();
    expect(entry(seeded.cases.family)).toMatchObject({ supporters: [karim] });
    expect(entry(seeded.cases.family)?.interpreters).toBeUndefined();
  });

  /** Salem away for the whole plan; Nadia, who also interprets Arabic, joins the court. */
  async function salemAway(seeded: SeededSchedulingCourt): Promise<string> {
    await testDb().query(
      `INSERT INTO scheduling_unavailability (interpreter_id, from_date, to_date) VALUES ($1, '2027-01-01', '2027-12-31')`,
      [seeded.interpreter],
    );
    const { rows } = await testDb().query(
      `INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, 'Interpreter Nadia', '{ar}') RETURNING id`,
      [seeded.court.id],
    );
    return rows[0].id;
  }

  it('a re-plan that gives the hearing another interpreter seats them, stands the first down, and summons both', async () => {
    const { seeded, custodyHearing } = await firstPublication();
    const [salemSeat] = await helperSeats(custodyHearing);
    // The registry has told Salem to come.
    await testDb().query(
      `UPDATE hearing_summonses SET delivered_at = now(), delivered_by = $2, method = 'phone' WHERE participant_id = $1 AND superseded_at IS NULL`,
      [salemSeat.id, seeded.clerk.id],
    );
    const nadia = await salemAway(seeded);

    const second = await solveDraft(moduleRef, seeded, { seed: 4 });
    const listing = second.plan.assignments.find((a) => a.case === seeded.cases.custody);
    expect(listing?.interpreters).toEqual([{ language: 'ar', interpreter: nadia }]);
    await publishAsClerk(moduleRef, seeded, second.runId);

    expect(await publishedHearing(seeded.cases.custody)).toBe(custodyHearing);
    const seats = await helperSeats(custodyHearing);
    expect(seats).toHaveLength(2);
    expect(seats[0]).toMatchObject({ id: salemSeat.id, state: 'removed', court_interpreter_id: seeded.interpreter });
    expect(seats[1]).toMatchObject({
      display_name: 'Interpreter Nadia (ar)',
      state: 'invited',
      language: 'ar',
      court_interpreter_id: nadia,
    });
    const { rows: summonses } = await testDb().query(
      `SELECT participant_id, reason FROM hearing_summonses WHERE schedule_run_id = $1 AND participant_id = ANY($2::uuid[]) ORDER BY reason`,
      [second.runId, [salemSeat.id, seats[1].id]],
    );
    expect(summonses).toEqual([
      { participant_id: seats[1].id, reason: 'listed' },
      { participant_id: salemSeat.id, reason: 'released' },
    ]);
    const { rows: open } = await testDb().query(
      `SELECT reason FROM hearing_summonses WHERE participant_id = $1 AND delivered_at IS NULL AND superseded_at IS NULL`,
      [salemSeat.id],
    );
    expect(open).toEqual([{ reason: 'released' }]);

    // The next plan knows Nadia sits in it, Salem no longer.
    const instance = validateInstance(JSON.parse(JSON.stringify(await queries.instanceFor(seeded.court.id, SCHEDULING_HORIZON_START))));
    expect(instance.published?.find((p) => p.case === seeded.cases.custody)).toMatchObject({ interpreters: [nadia] });
    const third = await solveDraft(moduleRef, seeded, { seed: 5 });
    expect(checkPlan(instance, third.plan).violations).toEqual([]);
  });

  it('an interpreter stood down before anyone told them to come: their summons is withdrawn, nobody asked to call them', async () => {
    const { seeded, custodyHearing } = await firstPublication();
    const [salemSeat] = await helperSeats(custodyHearing);
    await salemAway(seeded);
    const second = await solveDraft(moduleRef, seeded, { seed: 4 });
    await publishAsClerk(moduleRef, seeded, second.runId);
    expect((await helperSeats(custodyHearing))[0]).toMatchObject({ id: salemSeat.id, state: 'removed' });
    const { rows } = await testDb().query(
      `SELECT reason, superseded_at IS NOT NULL AS withdrawn FROM hearing_summonses WHERE participant_id = $1 ORDER BY created_at`,
      [salemSeat.id],
    );
    expect(rows).toEqual([{ reason: 'listed', withdrawn: true }]);
  });

  it('a hearing the re-plan keeps with the same people is left as it is: no seat changed, nobody summoned again', async () => {
    const { seeded, custodyHearing } = await firstPublication();
    const before = await helperSeats(custodyHearing);
    const second = await solveDraft(moduleRef, seeded, { seed: 4 });
    await publishAsClerk(moduleRef, seeded, second.runId);
    expect(await helperSeats(custodyHearing)).toEqual(before);
    const { rows } = await testDb().query(`SELECT reason FROM hearing_summonses WHERE schedule_run_id = $1 AND hearing_id = $2`, [
      second.runId,
      custodyHearing,
    ]);
    expect(rows.map((r: { reason: string }) => r.reason).filter((r: string) => r !== 'moved')).toEqual([]);
  });
});
