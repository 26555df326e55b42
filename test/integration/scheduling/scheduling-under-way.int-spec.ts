import type { TestingModule } from '@nestjs/testing';
import { testDb, closeTestDb } from '@ejustice/testing';
import { publishAsClerk, solveDraft, startSchedulingData } from '@ejustice/testing/scheduling-data-module';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';

/*
 * A published hearing that is under way (open or in recess) is where it is: a re-plan, even one
 * whose first day comes after the hearing's sitting, neither moves it nor lists its need again,
 * so that its draft can be published.
 */

describe('a published hearing under way is never moved by a draft (integration)', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await startSchedulingData();
  });

  afterAll(async () => {
    await moduleRef.close();
    await closeTestDb();
  });

  const draft = (seeded: SeededSchedulingCourt, horizonStart: string, seed: number) =>
    solveDraft(moduleRef, seeded, { horizonStart, seed });

  const publish = (seeded: SeededSchedulingCourt, runId: string) => publishAsClerk(moduleRef, seeded, runId);

  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  /** The published hearing of a listing, opened (the hearing room is sitting). */
  async function open(seeded: SeededSchedulingCourt, listing: { case: string; hearing: number; part: number }): Promise<string> {
    const { rows } = await testDb().query(
      `UPDATE hearings h SET status = 'open' FROM published_hearings ph
        WHERE ph.hearing_id = h.id AND ph.court_id = $1 AND ph.case_id = $2 AND ph.need_index = $3 AND ph.part = $4
        RETURNING h.id, h.scheduled_start, h.scheduled_end, h.presiding_judge_id`,
      [seeded.court.id, listing.case, listing.hearing, listing.part],
    );
    expect(rows).toHaveLength(1);
    return rows[0].id as string;
  }

  async function hearingRow(id: string) {
    const { rows } = await testDb().query(
      `SELECT h.status, h.scheduled_start, h.scheduled_end, h.presiding_judge_id, ph.hearing_id IS NOT NULL AS listed
         FROM hearings h LEFT JOIN published_hearings ph ON ph.hearing_id = h.id WHERE h.id = $1`,
      [id],
    );
    return rows[0];
  }

  it('neither lists again nor moves a hearing under way whose sitting came before the draft’s first day, and publishes', async () => {
    const seeded = await seedSchedulingCourt();
    const first = await draft(seeded, SCHEDULING_HORIZON_START, 3);
    await publish(seeded, first.runId);
    const listing = first.plan.assignments[0];
    const id = await open(seeded, listing);
    const before = await hearingRow(id);

    // The next night's re-plan: its first day is the day after the sitting, which is still going on.
    const second = await draft(seeded, nextDay(listing.date), 4);
    const sameNeed = (a: { case: string; hearing: number; part: number }) =>
      a.case === listing.case && a.hearing === listing.hearing && a.part === listing.part;
    expect(second.plan.assignments.filter(sameNeed)).toEqual([]);
    // Published hearings of that first day not yet under way may move; the one under way does not.
    await expect(publish(seeded, second.runId)).resolves.toMatchObject({ status: 'published' });
    expect(await hearingRow(id)).toEqual({ ...before, listed: true });
  });

  it('keeps a hearing under way within the draft’s days exactly where it is, and publishes', async () => {
    const seeded = await seedSchedulingCourt();
    const first = await draft(seeded, SCHEDULING_HORIZON_START, 3);
    await publish(seeded, first.runId);
    const id = await open(seeded, first.plan.assignments[0]);
    const before = await hearingRow(id);

    const second = await draft(seeded, SCHEDULING_HORIZON_START, 4);
    const kept = second.plan.assignments.find(
      (a) =>
        a.case === first.plan.assignments[0].case &&
        a.hearing === first.plan.assignments[0].hearing &&
        a.part === first.plan.assignments[0].part,
    );
    expect(kept).toMatchObject({ session: first.plan.assignments[0].session, start: first.plan.assignments[0].start, kept: true });
    await expect(publish(seeded, second.runId)).resolves.toMatchObject({ status: 'published' });
    expect(await hearingRow(id)).toEqual({ ...before, listed: true });
  });

  /** A published listing's hearing, opened and then closed: held. */
  async function hold(seeded: SeededSchedulingCourt, listing: { case: string; hearing: number; part: number }): Promise<string> {
    const id = await open(seeded, listing);
    await testDb().query(`UPDATE hearings SET status = 'closed' WHERE id = $1`, [id]);
    return id;
  }

  describe('a child witness’s evidence heard in blocks, the first block held', () => {
    /** The seeded trafficking case's trial, in blocks for its child witness; its first block held (the case management hearing before it too). */
    async function firstBlockHeld(seeded: SeededSchedulingCourt) {
      const first = await draft(seeded, SCHEDULING_HORIZON_START, 3);
      await publish(seeded, first.runId);
      const ofCase = first.plan.assignments.filter((a) => a.case === seeded.cases.trafficking);
      const trial = ofCase.filter((a) => a.hearing === 1);
      // Not vacuous: the trial is listed in blocks.
      expect(trial.map((a) => [a.part, a.parts])).toEqual([
        [1, 2],
        [2, 2],
      ]);
      await hold(
        seeded,
        ofCase.find((a) => a.hearing === 0)!,
      );
      // Its published needs renumbered: the trial is now the case's first need still to be heard.
      const block = { ...trial[0], hearing: 0 };
      const id = await hold(seeded, block);
      // The trial is not heard until its last block is: it is still needed, now as the case's first need.
      const { rows } = await testDb().query(
        `SELECT heard_at IS NOT NULL AS heard FROM case_hearing_needs WHERE case_id = $1 ORDER BY seq`,
        [seeded.cases.trafficking],
      );
      expect(rows).toEqual([{ heard: true }, { heard: false }]);
      return { block, id };
    }

    const ofTrial = (seeded: SeededSchedulingCourt, plan: { assignments: readonly { case: string; hearing: number; part: number }[] }) =>
      plan.assignments.filter((a) => a.case === seeded.cases.trafficking && a.hearing === 0);

    it('is not listed again by a draft that starts after it, and the draft publishes', async () => {
      const seeded = await seedSchedulingCourt();
      const { block, id } = await firstBlockHeld(seeded);
      const second = await draft(seeded, nextDay(block.date), 4);
      expect(ofTrial(seeded, second.plan).map((a) => a.part)).not.toContain(1);
      await expect(publish(seeded, second.runId)).resolves.toMatchObject({ status: 'published' });
      expect(await hearingRow(id)).toMatchObject({ status: 'closed' });
    });

    it('stays where it was held in a draft whose days include it, and the draft publishes', async () => {
      const seeded = await seedSchedulingCourt();
      const { block, id } = await firstBlockHeld(seeded);
      const before = await hearingRow(id);
      const second = await draft(seeded, SCHEDULING_HORIZON_START, 4);
      const again = ofTrial(seeded, second.plan).filter((a) => a.part === 1);
      expect(again).toEqual([expect.objectContaining({ session: block.session, start: block.start, judge: block.judge, kept: true })]);
      await expect(publish(seeded, second.runId)).resolves.toMatchObject({ status: 'published' });
      expect(await hearingRow(id)).toEqual(before);
    });
  });
});
