import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { type TestUser, closeTestDb, createCourt, createUser } from '@ejustice/testing';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * The queue board in Chromium, as an administrator reaches it: signed in to the web app, "Open
 * the queue board" on the home page, and the board (bull-board's own page) lists the platform's
 * queues, its scripts and styles running under the platform's content security policy. A clerk's
 * browser, sent straight to the board's address, gets the refusal and no board.
 */

/** A Redis database of its own (the board lists what is in it). */
const REDIS_URL = 'redis://127.0.0.1:6379/10';

describe('queue board in the browser: opened by an administrator from the home page, refused to a clerk', () => {
  let web: WebApp;
  let admin: TestUser;
  let clerk: TestUser;

  beforeAll(async () => {
    web = await startWebApp({ env: { REDIS_URL } });
    const court = await createCourt();
    admin = await createUser({ roles: ['admin'], courtId: court.id });
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function signedIn(who: TestUser): Promise<LocalePage> {
    const localePage = await web.newPage('en-GB');
    const { page } = localePage;
    await signIn(page, who);
    return localePage;
  }

  it('opens the board for an administrator, listing every queue, its scripts allowed by the policy', async () => {
    const { page, pageErrors, consoleErrors } = await signedIn(admin);
    const violations: string[] = [];
    const failedLoads: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failedLoads.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const errorsBefore = consoleErrors.length;
    await page.getByRole('button', { name: en.sections.jobQueues.open }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/api/admin/queues'));
    for (const queue of ['filing', 'certification', 'scheduling', 'maintenance', 'audit']) {
      await page.getByText(queue, { exact: true }).first().waitFor();
    }
    expect(pageErrors).toEqual([]);
    expect(failedLoads).toEqual([]);
    // Refused, and nothing else: the web font the board links from Google (it falls back to the
    // system font) and the inline styles of its "Loading" placeholder, which the board replaces.
    expect(
      violations.filter((v) => !/^Loading the stylesheet 'https:\/\/fonts\.googleapis\.com\/|^Applying inline style violates/.test(v)),
    ).toEqual([]);
    expect(consoleErrors.slice(errorsBefore).filter((e) => !/Content Security Policy|fonts\.googleapis\.com/.test(e))).toEqual([]);
  });

  it("refuses a clerk's browser the board, even at its address", async () => {
    const { page } = await signedIn(clerk);
    // The home page has its sections (the clerk's filing queue) and no way to the board.
    await page.getByRole('heading', { level: 2, name: en.sections.filingQueue.title }).waitFor();
    expect(await page.getByRole('button', { name: en.sections.jobQueues.open }).count()).toBe(0);
    const response = await page.goto('/api/admin/queues/');
    expect(response?.status()).toBe(401);
    expect(await page.content()).toContain('auth.unauthenticated');
  });
});
