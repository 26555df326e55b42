import type { Locator } from 'playwright-core';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { type TestCase, type TestUser, closeTestDb, createCase, createCourt, createUser, testDb } from '@ejustice/testing';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * A clerk lists a hearing by hand from a case's docket, in Chromium through the real api and
 * PostgreSQL, in a Cairo court read from a browser set to Los Angeles: the times typed are the
 * court's, the hearing is written with its judge and court room, and a second hearing in that
 * room at an overlapping time is refused with the court's sentence, nothing written. The case's
 * Hearings section lists the hearing as soon as it is listed.
 */

describe('listing a hearing by hand in the browser: booked with its judge and room, a clash in the room refused', () => {
  let web: WebApp;
  let clerk: TestUser;
  let judge: TestUser;
  let target: TestCase;
  let roomId: string;

  beforeAll(async () => {
    web = await startWebApp({ pages: { viewport: { width: 1280, height: 900 }, timeout: 30_000 } });
    const court = await createCourt({ timeZone: 'Africa/Cairo' });
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Hoda Mansour' });
    target = await createCase({ courtId: court.id, caseType: 'criminal' });
    const { rows } = await testDb().query(
      `INSERT INTO scheduling_rooms (court_id, name, is_virtual) VALUES ($1, 'Courtroom 2', false) RETURNING id`,
      [court.id],
    );
    roomId = rows[0].id;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function docketOf(who: TestUser): Promise<LocalePage> {
    const localePage = await web.newPage('en-GB', { timezoneId: 'America/Los_Angeles' });
    const { page } = localePage;
    await signIn(page, who);
    await page.goto(`/cases/${target.id}`);
    await page.getByRole('heading', { level: 2, name: en.docket.parties }).waitFor();
    return localePage;
  }

  async function fill(section: Locator, hearing: { title: string; start: string; end: string }) {
    await section.getByLabel(en.listHearing.fields.title).fill(hearing.title);
    await section.getByLabel(en.listHearing.fields.type).selectOption('bail');
    await section.getByLabel(en.listHearing.fields.date).fill('2031-03-11');
    await section.getByLabel(en.listHearing.fields.start).fill(hearing.start);
    await section.getByLabel(en.listHearing.fields.end).fill(hearing.end);
    await section.getByLabel(en.listHearing.fields.judge).selectOption({ label: 'Judge Hoda Mansour' });
    await section.getByLabel(en.listHearing.fields.room).selectOption({ label: 'Courtroom 2' });
  }

  const hearingsOfCase = async () =>
    (
      await testDb().query(
        `SELECT title, hearing_type, scheduled_start, scheduled_end, presiding_judge_id, room_id FROM hearings WHERE case_id = $1 ORDER BY scheduled_start`,
        [target.id],
      )
    ).rows;

  it('lists the hearing on the court’s clock with its judge and room, then refuses a second one in that room at that time', async () => {
    const { page, pageErrors } = await docketOf(clerk);
    const section = page.getByRole('region', { name: en.listHearing.heading });
    await page.getByText(en.caseHearings.empty).waitFor();
    await section.getByText(en.listHearing.open).click();
    await section.getByLabel(en.listHearing.fields.room).waitFor();
    await section.getByText("The date and times are on the court's clock (Africa/Cairo).").waitFor();

    // Nothing typed yet: the form says what is missing and sends nothing.
    await section.getByRole('button', { name: en.listHearing.submit }).click();
    await section.getByText(en.listHearing.problems.title).waitFor();
    expect(await hearingsOfCase()).toEqual([]);

    await fill(section, { title: 'Bail application', start: '09:30', end: '10:30' });
    await section.getByRole('button', { name: en.listHearing.submit }).click();
    const listed = section.getByRole('status').filter({ hasText: 'Listed:' });
    await listed.waitFor();
    expect(await listed.innerText()).toContain('Bail application');
    expect(await listed.innerText()).toContain('9:30');
    const href = await listed.getByRole('link', { name: en.listHearing.openHearing }).getAttribute('href');
    expect(href).toMatch(/^\/hearings\/[0-9a-f-]{36}$/);
    // The case's hearings list it at once, with the way to its page.
    const hearings = page.getByRole('region', { name: en.caseHearings.title }).first();
    expect(await hearings.getByRole('link', { name: 'Bail application' }).getAttribute('href')).toBe(href);
    // 09:30 in Cairo (UTC+2 in March 2031), whatever the clerk's browser is set to.
    expect(await hearingsOfCase()).toEqual([
      {
        title: 'Bail application',
        hearing_type: 'bail',
        scheduled_start: new Date('2031-03-11T07:30:00.000Z'),
        scheduled_end: new Date('2031-03-11T08:30:00.000Z'),
        presiding_judge_id: judge.id,
        room_id: roomId,
      },
    ]);

    // The same room half an hour later, with no judge named: the court refuses it, and says why.
    await fill(section, { title: 'Another bail application', start: '10:00', end: '11:00' });
    await section.getByLabel(en.listHearing.fields.judge).selectOption('');
    await section.getByRole('button', { name: en.listHearing.submit }).click();
    const refused = section.getByRole('alert');
    await refused.waitFor();
    expect(await refused.innerText()).toContain(en.errors.hearing.room_double_booked);
    expect(await section.getByLabel(en.listHearing.fields.room).getAttribute('aria-invalid')).toBe('true');
    expect((await hearingsOfCase()).map((h) => h.title)).toEqual(['Bail application']);
    expect(pageErrors).toEqual([]);
  });
});
