import type { Page } from 'playwright-core';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { type TestCourt, type TestUser, closeTestDb, createCourt, createUser, testDb } from '@ejustice/testing';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * The court's scheduling-data page in Chromium, through the real api and PostgreSQL, on an empty
 * court: a clerk opens it from the menu, reads the empty states, adds a room, a fortnight of day
 * and night court as one pattern (told how many sessions before sending), sees a session that
 * would overlap refused with the court's sentence and code, sets a judge's sitting profile, gives
 * the judge days off and sets a weight of the policy. A judge reads the same page with nothing
 * offered that the server would refuse.
 */

describe('scheduling data in the browser: empty court, room, pattern, overlap, judge, days off, policy', () => {
  let web: WebApp;
  let court: TestCourt;
  let clerk: TestUser;
  let judge: TestUser;

  beforeAll(async () => {
    web = await startWebApp({ pages: { viewport: { width: 1280, height: 900 }, timeout: 30_000 } });
    court = await createCourt();
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Mansour' });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function signedIn(who: TestUser): Promise<LocalePage> {
    const localePage = await web.newPage('en-GB');
    const { page } = localePage;
    await signIn(page, who);
    await page.getByRole('link', { name: en.schedulingData.nav }).click();
    await page.waitForURL((url) => url.pathname === `/courts/${court.id}/scheduling-data`);
    await page.getByRole('heading', { level: 1, name: en.schedulingData.title }).waitFor();
    return localePage;
  }

  const section = (page: Page, id: string) => page.locator(`section[aria-labelledby="sd-${id}"]`);

  it('lets a clerk keep the court’s scheduling data, with refusals said, and a judge read it', async () => {
    const { page, pageErrors } = await signedIn(clerk);
    const rooms = section(page, 'rooms');
    await rooms.getByText(en.schedulingData.rooms.emptyHint).waitFor();

    // A room.
    await rooms.getByRole('button', { name: en.schedulingData.rooms.add }).click();
    await rooms.getByLabel(en.schedulingData.rooms.name).fill('Courtroom 1');
    await rooms.getByLabel(en.schedulingData.rooms.equipment).fill('live_link');
    await rooms.getByRole('button', { name: en.schedulingData.save, exact: true }).click();
    await rooms.getByText(en.schedulingData.rooms.added.replace('{{name}}', 'Courtroom 1')).waitFor();
    await rooms.locator('.sd-list__item').filter({ hasText: 'Courtroom 1' }).waitFor();

    // A fortnight of day court Monday to Friday and night court Tuesday and Thursday, as one pattern.
    const sessions = section(page, 'sessions');
    await sessions.getByRole('button', { name: en.schedulingData.sessions.addPattern }).click();
    await sessions.getByLabel(en.schedulingData.pattern.from).fill('2027-03-01');
    await sessions.getByLabel(en.schedulingData.pattern.to).fill('2027-03-14');
    await sessions.getByRole('button', { name: en.schedulingData.pattern.addSitting }).click();
    await sessions.getByRole('status').filter({ hasText: 'This creates 14 sessions' }).waitFor();
    await sessions.getByRole('button', { name: 'Create 14 sessions' }).click();
    await sessions.getByText('14 sessions created.').waitFor();
    await expect(
      testDb()
        .query(`SELECT count(*)::int AS n FROM court_sessions WHERE court_id = $1`, [court.id])
        .then((r) => r.rows[0].n),
    ).resolves.toBe(14);

    // The weeks of the pattern, listed by week.
    await sessions.getByLabel(en.schedulingData.sessions.weekOf).fill('2027-03-03');
    await sessions.getByRole('heading', { level: 3, name: 'Week of Mon, Mar 1, 2027' }).waitFor();
    await expect(sessions.locator('.sd-week .sd-list__item').count()).resolves.toBe(14);

    // A session over the Tuesday's day court: refused, in words, with the server's particulars and the code.
    await sessions.getByRole('button', { name: en.schedulingData.sessions.addOne }).click();
    await sessions.getByLabel(en.schedulingData.sessions.date).fill('2027-03-02');
    await sessions.getByLabel(en.schedulingData.kind.night).check();
    await sessions.getByLabel(en.schedulingData.sessions.start).fill('15:00');
    await sessions.getByLabel(en.schedulingData.sessions.end).fill('18:00');
    await sessions.getByRole('button', { name: en.schedulingData.sessions.create }).click();
    const refusal = sessions.getByRole('alert').filter({ hasText: en.schedulingData.errors.session_overlap });
    await refusal.waitFor();
    await expect(refusal.locator('code').textContent()).resolves.toBe('scheduling.session_overlap');
    await expect(refusal.locator('[lang="en"]').textContent()).resolves.toContain('2027-03-02');
    await expect(
      testDb()
        .query(`SELECT count(*)::int AS n FROM court_sessions WHERE court_id = $1`, [court.id])
        .then((r) => r.rows[0].n),
    ).resolves.toBe(14);
    await sessions.getByRole('button', { name: en.schedulingData.cancel }).click();

    // The judge's sitting profile, then days off.
    const judges = section(page, 'judges');
    await judges.getByText(en.schedulingData.judges.noProfile).waitFor();
    await judges.getByRole('button', { name: `Edit ${judge.displayName}` }).click();
    await judges.getByLabel(en.schedulingData.judges.specialisms).fill('trafficking, criminal');
    await judges.getByLabel(en.schedulingData.judges.maxHours).fill('5.5');
    await judges.getByRole('button', { name: en.schedulingData.save, exact: true }).click();
    await judges.getByText(en.schedulingData.judges.saved.replace('{{name}}', judge.displayName)).waitFor();
    const profile = await testDb().query(`SELECT specialisms, max_sitting_minutes_per_day FROM judge_profiles WHERE user_id = $1`, [
      judge.id,
    ]);
    // Kept as a set: without repeats, in order (as the server keeps every list of tags).
    expect(profile.rows[0]).toMatchObject({ specialisms: ['criminal', 'trafficking'], max_sitting_minutes_per_day: 330 });

    const daysOff = section(page, 'days-off');
    await daysOff.getByText(en.schedulingData.daysOff.emptyHint).waitFor();
    await daysOff.getByLabel(en.schedulingData.daysOff.owner).selectOption({ label: judge.displayName });
    await daysOff.getByLabel(en.schedulingData.daysOff.from).fill('2027-03-08');
    await daysOff.getByLabel(en.schedulingData.daysOff.to).fill('2027-03-09');
    await daysOff.getByRole('button', { name: en.schedulingData.daysOff.add }).click();
    await daysOff.locator('.sd-list__item').filter({ hasText: judge.displayName }).waitFor();

    // A weight of the policy: kept with the court's other settings.
    const policy = section(page, 'policy');
    await policy.getByText(en.schedulingData.policy.defaults).waitFor();
    await policy.getByLabel(en.schedulingData.policy.weight.tierWeights_custody.label).fill('10');
    await policy.getByRole('button', { name: en.schedulingData.policy.save }).click();
    await policy.getByText(en.schedulingData.policy.saved).waitFor();
    const saved = await testDb().query(`SELECT policy FROM court_scheduling_policies WHERE court_id = $1`, [court.id]);
    expect(saved.rows[0].policy).toEqual({ tierWeights: { custody: 10 } });
    expect(pageErrors).toEqual([]);

    // A judge reads it all, and is offered nothing the server would refuse.
    const reader = await signedIn(judge);
    await section(reader.page, 'rooms').locator('.sd-list__item').filter({ hasText: 'Courtroom 1' }).waitFor();
    await section(reader.page, 'policy').getByLabel(en.schedulingData.policy.weight.tierWeights_custody.label).waitFor();
    await expect(reader.page.getByRole('button', { name: en.schedulingData.rooms.add }).count()).resolves.toBe(0);
    await expect(reader.page.getByRole('button', { name: en.schedulingData.sessions.addPattern }).count()).resolves.toBe(0);
    await expect(reader.page.getByRole('button', { name: en.schedulingData.policy.save }).count()).resolves.toBe(0);
    await expect(
      section(reader.page, 'policy').getByLabel(en.schedulingData.policy.weight.tierWeights_custody.label).isDisabled(),
    ).resolves.toBe(true);
    expect(reader.pageErrors).toEqual([]);
  }, 120_000);
});
