import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { closeTestDb, createCase, createCourt, createUser, uniqueSuffix } from '@ejustice/testing/factories';
import type { Page } from 'playwright-core';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import fr from '../../apps/web/src/i18n/locales/fr.json';

/**
 * The web shell end to end, in Debian's Chromium, against the real API and database:
 * sign in, the role's home page, switching to Arabic (right-to-left, mirrored, remembered),
 * restoring the session on reload, signing out, and a refused sign-in in the person's language.
 * Strings are taken from the locale files, so the test checks what a person reads.
 */
/*
 * Callbacks given to page.evaluate() run in the page, but are type-checked with the repository's
 * Node-only libs. Declaring the few browser globals they touch here, in this module's scope,
 * keeps DOM types from leaking into the type-checking of the server code.
 */
interface BrowserStorage {
  getItem(key: string): string | null;
}
declare const document: {
  documentElement: { lang: string; dir: string };
  activeElement: { tagName: string; textContent: string | null; getAttribute(name: string): string | null } | null;
};
declare const localStorage: BrowserStorage;
declare const sessionStorage: BrowserStorage;
declare const location: { pathname: string };

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

async function signIn(page: Page, strings: typeof en, email: string, password: string): Promise<void> {
  await page.getByLabel(strings.login.email).fill(email);
  await page.getByLabel(strings.login.password).fill(password);
  await page.getByRole('button', { name: strings.login.submit }).click();
}

describe('web shell: sign-in and language (Chromium)', () => {
  let web: WebApp | undefined;

  beforeAll(async () => {
    web = await startWebApp();
  });

  afterEach(async () => {
    await web?.closePages();
  });

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function newPage(locale: string): Promise<LocalePage> {
    if (!web) throw new Error('suite set-up failed');
    return web.newPage(locale);
  }

  it('signs a judge in, switches to Arabic right to left, keeps it on reload, and signs out', async () => {
    const court = await createCourt({ name: `Court of First Instance ${uniqueSuffix()}` });
    const judge = await createUser({
      roles: ['judge'],
      courtId: court.id,
      password: 'Quiet-Courtroom-42',
      displayName: 'Amina Benali',
    });
    const trafficking = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      title: 'النيابة العامة ضد مجهول',
      assignedJudgeId: judge.id,
    });
    await createCase({ courtId: court.id, caseType: 'civil', title: 'Dupont v. Atlas Shipping' });
    const { page, pageErrors } = await newPage('en-GB');

    await page.goto('/');
    await page.waitForURL('**/login');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'en', dir: 'ltr' });

    await signIn(page, en, judge.email, judge.password);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 2, name: en.sections.todaysHearings.title }).waitFor();
    // The court's cases, as the API lists them for a judge of that court.
    const row = page.getByRole('row').filter({ hasText: trafficking.number });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(en.cases.caseType.trafficking);
    await expect(page.getByRole('alert').filter({ hasText: /\S/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/web-en.png`, fullPage: true });

    await page.getByLabel(en.language.label).selectOption('ar');

    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await page.getByRole('heading', { level: 2, name: ar.sections.todaysHearings.title }).waitFor();
    await expect(page.getByRole('heading', { name: en.sections.todaysHearings.title }).count()).resolves.toBe(0);
    await expect(row.textContent()).resolves.toContain(ar.cases.caseType.trafficking);
    // Mirrored for real: the brand now sits at the right edge, the language control left of it.
    const brand = await page.getByText(ar.app.name, { exact: true }).boundingBox();
    const switcher = await page.getByLabel(ar.language.label).boundingBox();
    expect(brand && switcher && brand.x > switcher.x).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/web-ar.png`, fullPage: true });

    // The language is remembered; the refresh token lives only in this tab's session storage.
    const stored = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      language: localStorage.getItem('ejustice.language'),
      session: Object.keys(sessionStorage),
    }));
    expect(stored).toEqual({ local: ['ejustice.language'], language: 'ar', session: ['ejustice.refreshToken'] });

    await page.reload();
    await page.getByRole('heading', { level: 2, name: ar.sections.todaysHearings.title }).waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });

    await page.getByRole('button', { name: ar.header.signOut }).click();
    await page.waitForURL('**/login');
    await page.getByText(ar.login.signedOut).waitFor();
    await expect(page.evaluate(() => Object.keys(sessionStorage))).resolves.toEqual([]);
    await page.goto('/');
    await page.waitForURL('**/login');

    expect(pageErrors).toEqual([]);
  });

  it("says in French, then in Arabic, that a wrong password was refused; then lists the party's own case", async () => {
    const party = await createUser({ roles: ['party'], password: 'Calm-Witness-Room-7' });
    const own = await createCase({
      courtId: party.courtId,
      caseType: 'labour',
      parties: [{ partyRole: 'plaintiff', fullName: party.displayName, userId: party.id }],
    });
    const neighbours = await createCase({ courtId: party.courtId, caseType: 'labour' });
    const { page, pageErrors } = await newPage('fr-FR');

    await page.goto('/login');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'fr', dir: 'ltr' });

    await signIn(page, fr, party.email, 'not-the-password');

    const alert = page.getByRole('alert').filter({ hasText: fr.errors.auth.invalid_credentials });
    await alert.waitFor();
    await expect(page.evaluate(() => location.pathname)).resolves.toBe('/login');
    await expect(page.getByLabel(fr.login.password).inputValue()).resolves.toBe('');

    await page.getByLabel(fr.language.label).selectOption('ar');
    await page.getByRole('alert').filter({ hasText: ar.errors.auth.invalid_credentials }).waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });

    await signIn(page, ar, party.email, party.password);
    await page.getByRole('heading', { level: 2, name: ar.cases.titleMine }).waitFor();
    await page.getByRole('row').filter({ hasText: own.number }).waitFor();
    await expect(page.getByRole('row').filter({ hasText: neighbours.number }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: ar.sections.todaysHearings.title }).count()).resolves.toBe(0);

    expect(pageErrors).toEqual([]);
  });

  it('opens in Arabic for an Arabic browser, with the skip link as the first stop', async () => {
    const { page, pageErrors } = await newPage('ar-MA');

    await page.goto('/login');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await page.getByRole('heading', { level: 1, name: ar.login.title }).waitFor();

    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(ar.skipLink);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('MAIN');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('email');

    expect(pageErrors).toEqual([]);
  });
});
