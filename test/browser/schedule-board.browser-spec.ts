import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  type PlanAssignment,
  type PlanMove,
  type ScheduleInstance,
  type SchedulePlan,
  checkMove,
  formatClockTime,
  parseClockTime,
  validateInstance,
} from '@ejustice/scheduling';
import { SchedulingInstanceQueries } from '@ejustice/scheduling-data';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { closeTestDb, testConfig, testDb } from '@ejustice/testing';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * The schedule page and board in Chromium, on the seeded court through the real api, the Bull
 * worker and PostgreSQL: a clerk opens it from the menu on an empty court, presses "Plan now",
 * watches the run to its draft, reads its figures, picks a card and tries a move that would put a
 * judge in two places at once (refused, with the reason), then a move that breaks nothing (saved),
 * switches the board to rooms and reads it in Arabic.
 */

/* The browser global used inside page.evaluate(), declared locally (see login-and-language.browser-spec.ts). */
declare const document: { documentElement: { dir: string } };

/** A Redis database of its own: no other suite's worker takes these jobs. */
const REDIS_URL = 'redis://127.0.0.1:6379/12';

/** A move of some listing elsewhere that breaks nothing, found with the pure checker (what a clerk finds by trying). */
function someAllowedMove(instance: ScheduleInstance, plan: SchedulePlan): { listing: PlanAssignment; move: PlanMove } {
  const sessions = new Set(plan.assignments.map((a) => a.session));
  const judges = [...new Set(plan.assignments.map((a) => a.judge))];
  const rooms = [...new Set(plan.assignments.map((a) => a.room))];
  for (const listing of plan.assignments) {
    // Only targets the board offers: sessions, judges and rooms the plan names.
    for (const session of instance.sessions.filter((s) => sessions.has(s.id))) {
      for (let t = parseClockTime(session.start) as number; t < (parseClockTime(session.end) as number); t += 15) {
        for (const judge of judges) {
          for (const room of rooms) {
            const move = {
              case: listing.case,
              hearing: listing.hearing,
              part: listing.part,
              session: session.id,
              start: formatClockTime(t),
              judge,
              room,
            };
            if (move.session === listing.session && move.start === listing.start) continue;
            if (checkMove(instance, plan, move).ok) return { listing, move };
          }
        }
      }
    }
  }
  throw new Error('no listing of the draft can move anywhere the board offers');
}

describe('schedule board in the browser: plan now, progress, draft, a refused and an allowed move, Arabic', () => {
  let web: WebApp;
  let worker: INestApplication;
  let seeded: SeededSchedulingCourt;

  beforeAll(async () => {
    const env = { REDIS_URL };
    web = await startWebApp({ env, pages: { viewport: { width: 1400, height: 900 }, timeout: 30_000 } });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...env, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    seeded = await seedSchedulingCourt({ timeLimitSeconds: 2 });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await web?.close();
    await closeTestDb();
  });

  it('lets a clerk plan, read the draft, see a move refused with its reason, save an allowed one, and read it all in Arabic', async () => {
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, seeded.clerk);
    await page.getByRole('link', { name: en.schedule.nav }).click();
    await page.waitForURL((url) => url.pathname === `/courts/${seeded.court.id}/schedule`);
    await page.getByRole('heading', { level: 1, name: en.schedule.title }).waitFor();
    await page.getByText(en.schedule.emptyHint).waitFor();

    // The seeded sittings are from 1 March 2027: the plan starts there, not today.
    await page.getByLabel(en.schedule.horizonStart).fill(SCHEDULING_HORIZON_START);
    await page.getByRole('button', { name: en.schedule.planNow }).click();
    await page.getByRole('heading', { level: 2, name: en.schedule.status.done }).waitFor();
    await page.getByRole('heading', { level: 3, name: en.schedule.figures.heading }).waitFor();
    await page.getByRole('button', { name: en.schedule.publish.button }).waitFor();

    const { rows } = await testDb().query(`SELECT id, plan, horizon_start::text AS start FROM schedule_runs WHERE court_id = $1`, [
      seeded.court.id,
    ]);
    expect(rows).toHaveLength(1);
    const plan: SchedulePlan = rows[0].plan;
    const instance = validateInstance(await web.api.app.get(SchedulingInstanceQueries).instanceFor(seeded.court.id, rows[0].start));
    // The board names cases by number, judges and rooms by name, never by id.
    const numbers = new Map<string, string>(
      (await testDb().query(`SELECT id, number FROM cases WHERE court_id = $1`, [seeded.court.id])).rows.map(
        (r: { id: string; number: string }) => [r.id, r.number],
      ),
    );
    const numberOf = (caseId: string) => numbers.get(caseId) as string;
    const cardOf = (a: PlanAssignment) =>
      page
        .locator('.schedule-card')
        .filter({ hasText: numberOf(a.case) })
        .filter({ hasText: a.start })
        .first();
    // Every listing of the draft is on the board.
    await expect(page.locator('.schedule-card').count()).resolves.toBe(plan.assignments.length);
    const judgeNames = new Map(Object.values(seeded.judges).map((j) => [j.id, j.displayName]));
    for (const judge of new Set(plan.assignments.map((x) => x.judge))) {
      await page.getByRole('rowheader', { name: judgeNames.get(judge) }).waitFor();
    }
    await expect(page.locator('.schedule-board').textContent()).resolves.not.toContain(plan.assignments[0].case);

    // A judge in two places at once: the first listing onto another case's judge, session and start.
    const [a, b] = [plan.assignments[0], plan.assignments.find((x) => x.case !== plan.assignments[0].case) as PlanAssignment];
    await cardOf(a).getByRole('button', { name: en.schedule.board.pick }).click();
    await page.getByLabel(en.schedule.move.session).selectOption(b.session);
    await page.getByLabel(en.schedule.move.start).fill(b.start);
    await page.getByLabel(en.schedule.move.judge).selectOption(b.judge);
    await page.getByRole('button', { name: en.schedule.move.check }).click();
    const refusal = page.getByRole('alert').filter({ hasText: en.schedule.move.refused });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('in two places at once');
    // Said from its code and facts, not the server's English sentence.
    await expect(refusal.locator('[lang="en"]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: en.schedule.move.save }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: en.schedule.move.cancel }).click();

    // A move that breaks nothing: checked, then saved to the draft.
    const { listing, move } = someAllowedMove(instance, plan);
    await cardOf(listing).getByRole('button', { name: en.schedule.board.pick }).click();
    await page.getByLabel(en.schedule.move.session).selectOption(move.session);
    await page.getByLabel(en.schedule.move.start).fill(move.start);
    await page.getByLabel(en.schedule.move.judge).selectOption(move.judge);
    await page.getByLabel(en.schedule.move.room).selectOption(move.room);
    await page.getByRole('button', { name: en.schedule.move.check }).click();
    await page.getByText(en.schedule.move.ok).waitFor();
    await page.getByRole('button', { name: en.schedule.move.save }).click();
    await page.locator('.schedule-move').waitFor({ state: 'detached' });
    await page
      .locator('.schedule-card')
      .filter({ hasText: numberOf(move.case) })
      .filter({ hasText: move.start })
      .first()
      .waitFor();
    const saved: SchedulePlan = (await testDb().query(`SELECT plan FROM schedule_runs WHERE id = $1`, [rows[0].id])).rows[0].plan;
    expect(saved.assignments.find((x) => x.case === move.case && x.hearing === move.hearing && x.part === move.part)).toMatchObject({
      session: move.session,
      start: move.start,
      judge: move.judge,
      room: move.room,
    });

    // By room: the rooms head the rows.
    await page.getByLabel(en.schedule.board.by).selectOption('room');
    await page.getByRole('columnheader', { name: en.schedule.board.room }).waitFor();
    const roomNames = new Map<string, string>(
      (await testDb().query(`SELECT id, name, is_virtual FROM scheduling_rooms WHERE court_id = $1`, [seeded.court.id])).rows.map(
        (r: { id: string; name: string; is_virtual: boolean }) => [r.id, r.is_virtual ? `${r.name} (virtual)` : r.name],
      ),
    );
    for (const room of new Set(saved.assignments.map((x) => x.room))) {
      await page.getByRole('rowheader', { name: roomNames.get(room), exact: true }).waitFor();
    }

    await page.getByLabel(en.language.label).selectOption('ar');
    await page.getByRole('heading', { level: 1, name: ar.schedule.title }).waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    await page.getByRole('heading', { level: 3, name: ar.schedule.board.heading }).waitFor();
    // Why a listing is where it is: a panel the card's button opens (focus moves to it), in Arabic.
    await page.locator('.schedule-card').first().getByRole('button', { name: ar.schedule.reasons.why.show }).click();
    const why = page.locator('.schedule-why');
    await why.getByText(ar.schedule.reasons.why.whyDay).waitFor();
    await expect(why.locator('[lang="en"]').count()).resolves.toBe(0);
    await expect(why.locator('h4:focus').count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('warns the clerk before publishing, in their language, of a custody limit the draft does not meet', async () => {
    const court = await seedSchedulingCourt({ timeLimitSeconds: 2 });
    // The robbery defendant's custody time limit expired before the plan's first day.
    await testDb().query(`UPDATE case_scheduling_facts SET custody_limit = '2027-02-26' WHERE case_id = $1`, [court.cases.custody]);
    const number: string = (await testDb().query(`SELECT number FROM cases WHERE id = $1`, [court.cases.custody])).rows[0].number;
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, court.clerk);
    await page.getByRole('link', { name: en.schedule.nav }).click();
    await page.getByLabel(en.schedule.horizonStart).fill(SCHEDULING_HORIZON_START);
    await page.getByRole('button', { name: en.schedule.planNow }).click();
    await page.getByRole('heading', { level: 2, name: en.schedule.status.done }).waitFor();

    const warning = page.getByRole('region', { name: en.schedule.figures.custodyHeading });
    await warning.waitFor();
    await expect(warning.getByRole('listitem').count()).resolves.toBe(1);
    const item = warning.getByRole('listitem');
    await expect(item.textContent()).resolves.toContain(number);
    await expect(item.textContent()).resolves.toContain(en.schedule.figures.custodyBreachUnavoidable);
    await expect(item.textContent()).resolves.toContain('passed before the plan starts');
    // Before the button that publishes it.
    const publish = page.getByRole('button', { name: en.schedule.publish.button });
    const [warningBox, publishBox] = [await warning.boundingBox(), await publish.boundingBox()];
    expect((warningBox?.y ?? Infinity) < (publishBox?.y ?? -Infinity)).toBe(true);

    await page.getByLabel(en.language.label).selectOption('ar');
    const arabic = page.getByRole('region', { name: ar.schedule.figures.custodyHeading });
    await arabic.waitFor();
    await expect(arabic.textContent()).resolves.toContain(ar.schedule.figures.custodyBreachUnavoidable);
    await expect(arabic.textContent()).resolves.toContain(number);
    // Said from its code and facts, never the server's English sentence.
    await expect(arabic.locator('[lang="en"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows a judge of the court the same draft read-only: no publication, no moves', async () => {
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, seeded.judges.specialist);
    await page.getByRole('link', { name: en.schedule.nav }).click();
    await page.getByRole('heading', { level: 2, name: en.schedule.status.done }).waitFor();
    await page.getByText(en.schedule.board.readOnly).waitFor();
    await expect(page.locator('.schedule-card').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: en.schedule.board.pick }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: en.schedule.publish.button }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('lets the clerk publish the draft after confirming: the hearings are created and the board is no longer editable', async () => {
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, seeded.clerk);
    await page.getByRole('link', { name: en.schedule.nav }).click();
    await page.getByRole('heading', { level: 2, name: en.schedule.status.done }).waitFor();
    await page.getByRole('button', { name: en.schedule.publish.button }).click();
    await page.getByText(en.schedule.publish.confirm).waitFor();
    await page.getByRole('button', { name: en.schedule.publish.yes }).click();
    await page.getByRole('heading', { level: 2, name: en.schedule.status.published }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Published: / })
      .waitFor();
    await page.getByText(en.schedule.board.readOnly).waitFor();
    await expect(page.getByRole('button', { name: en.schedule.board.pick }).count()).resolves.toBe(0);
    const { rows } = await testDb().query(
      `SELECT count(*)::int AS n FROM published_hearings ph JOIN hearings h ON h.id = ph.hearing_id WHERE h.court_id = $1`,
      [seeded.court.id],
    );
    expect(rows[0].n).toBeGreaterThan(0);

    // The people without an account, to be summoned by the clerk: issue one a link and mark it handed over.
    const { rows: summonses } = await testDb().query(
      `SELECT count(*)::int AS n FROM hearing_summonses WHERE court_id = $1 AND delivered_at IS NULL AND superseded_at IS NULL`,
      [seeded.court.id],
    );
    expect(summonses[0].n).toBeGreaterThan(1);
    await page.getByRole('heading', { level: 3, name: `${summonses[0].n} people without an account must be summoned` }).waitFor();
    const first = page.locator('.schedule__summons').first();
    await first.getByRole('button', { name: en.schedule.summonses.issueLink }).click();
    await expect(first.locator('input[readonly]').inputValue()).resolves.toMatch(/\/join\/[A-Za-z0-9_-]+$/);
    await first.getByRole('button', { name: en.schedule.summonses.markDelivered }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Recorded: / })
      .waitFor();
    // The list is loaded again: the last line goes, the one delivered no longer pending.
    await page
      .locator('.schedule__summons')
      .nth(summonses[0].n - 1)
      .waitFor({ state: 'detached' });
    await expect(page.locator('.schedule__summons').count()).resolves.toBe(summonses[0].n - 1);
    const { rows: delivered } = await testDb().query(
      `SELECT method FROM hearing_summonses WHERE court_id = $1 AND delivered_at IS NOT NULL`,
      [seeded.court.id],
    );
    expect(delivered).toEqual([{ method: 'link_handed_over' }]);
    expect(pageErrors).toEqual([]);
  });
});
