import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { closeTestDb, createCase, testDb } from '@ejustice/testing';
import { type SeededSchedulingCourt, seedSchedulingCourt } from '@ejustice/testing/scheduling-seed';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * The backlog dashboard in Chromium, on the seeded court through the real api and PostgreSQL:
 * a clerk opens it from the menu, reads the charts and the custody risk list, switches a
 * scenario on and sees its line; in Arabic the page and the charts' value axes are mirrored.
 * Strings come from the locale files, so the test reads what a person reads.
 */

/* The browser global used inside page.evaluate(), declared locally (see login-and-language.browser-spec.ts). */
declare const document: { documentElement: { dir: string } };

describe('backlog dashboard in the browser: charts, risk list, scenarios, Arabic', () => {
  let web: WebApp;
  let seeded: SeededSchedulingCourt;
  let passedNumber: string;

  beforeAll(async () => {
    web = await startWebApp({ pages: { viewport: { width: 1280, height: 900 }, timeout: 20_000 } });
    seeded = await seedSchedulingCourt();
    // A custody limit that passed three days ago, whatever day the test runs: on the risk list.
    const passed = await createCase({ courtId: seeded.court.id, caseType: 'criminal' });
    passedNumber = passed.number;
    await testDb().query(`UPDATE cases SET opened_at = now() - interval '40 days' WHERE id = $1`, [passed.id]);
    await testDb().query(
      `INSERT INTO case_scheduling_facts (case_id, offence, in_custody, custody_limit) VALUES ($1, 'assault', true, current_date - 3)`,
      [passed.id],
    );
    await testDb().query(`INSERT INTO case_hearing_needs (case_id, seq, hearing_type, minutes) VALUES ($1, 1, 'trial', 120)`, [passed.id]);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  it('shows a clerk the charts, the custody risk and a scenario’s line, then mirrors them in Arabic', async () => {
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, seeded.clerk);
    await page.getByRole('link', { name: en.backlog.nav }).click();
    await page.waitForURL((url) => url.pathname === `/courts/${seeded.court.id}/backlog`);
    await page.getByRole('heading', { level: 1, name: en.backlog.title }).waitFor();

    // Clearance, disposition time, age profile and the burn-down: four charts drawn as SVG.
    await page.getByRole('heading', { level: 2, name: en.backlog.indicators.heading }).waitFor();
    await page.getByText(en.backlog.forecast.caption).waitFor();
    await expect(page.locator('figure.backlog-chart .recharts-wrapper').count()).resolves.toBe(4);

    const risk = page.getByRole('row').filter({ hasText: passedNumber });
    await risk.waitFor();
    await expect(risk.textContent()).resolves.toContain(en.backlog.custody.reason.limit_passed);

    // A scenario switched on: the forecast is asked again and draws its line, named in the legend.
    const legend = page.locator('.recharts-legend-wrapper');
    await expect(legend.textContent()).resolves.not.toContain(en.backlog.forecast.scenario.night_sessions);
    await page.getByLabel(en.backlog.forecast.scenario.night_sessions).check();
    await legend.getByText(en.backlog.forecast.scenario.night_sessions).waitFor();
    await page
      .getByText(new RegExp(`^${en.backlog.forecast.scenario.night_sessions}`))
      .first()
      .waitFor();

    await page.getByLabel(en.language.label).selectOption('ar');
    await page.getByRole('heading', { level: 1, name: ar.backlog.title }).waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    await expect(risk.textContent()).resolves.toContain(ar.backlog.custody.reason.limit_passed);
    await legend.getByText(ar.backlog.forecast.scenario.night_sessions).waitFor();
    // The value axis stands on the right of each chart, where an Arabic reader starts.
    const figure = await page.locator('figure.backlog-chart').first().boundingBox();
    const yAxis = await page.locator('figure.backlog-chart').first().locator('.recharts-yAxis').boundingBox();
    expect(figure && yAxis && yAxis.x > figure.x + figure.width / 2).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
