import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import {
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createUser,
  testDb,
  uniqueSuffix,
} from '@ejustice/testing/factories';
import { http, login } from '@ejustice/testing/http-client';
import type { Page } from 'playwright-core';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';

/**
 * The one-time link page in Debian's Chromium with a fake camera and microphone, against the real
 * api and database: the calm welcome that spends the link only on "Start", the tech check (own
 * picture, microphone level, speaker test, connection check), the token leaving the address bar,
 * a reload that keeps the session, and the kind sentences for links that no longer work.
 * Strings come from the locale files, so the test checks what a person reads.
 */

// Browser-side shapes touched in page.evaluate() callbacks (type-checked with Node's libs).
declare const document: {
  documentElement: { lang: string; dir: string; scrollWidth: number };
  activeElement: { tagName: string; textContent: string | null } | null;
  querySelector(selector: string): { videoWidth: number; readyState: number } | null;
};
declare const sessionStorage: { getItem(key: string): string | null };
declare const location: { pathname: string };

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';

describe('joining a hearing from a one-time link (Chromium)', () => {
  let web: WebApp | undefined;
  let judgeToken: string;
  let hearingId: string;

  beforeAll(async () => {
    web = await startWebApp();
    const court = await createCourt({ name: `Criminal Court ${uniqueSuffix()}` });
    const judge = await createUser({ roles: ['judge'], courtId: court.id });
    judgeToken = (await login(web.api.baseUrl, judge.email, judge.password)).accessToken;
    const trafficking = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      assignedJudgeId: judge.id,
    });
    hearingId = (await createHearing({ caseId: trafficking.id, courtId: court.id, presidingJudgeId: judge.id, startInMinutes: 30 })).id;
  });

  afterEach(async () => {
    await web?.closePages();
  });

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function newPage(locale: string, viewport?: { width: number; height: number }): Promise<LocalePage> {
    if (!web) throw new Error('suite set-up failed');
    return web.newPage(locale, { viewport });
  }

  async function issueLink(role: 'witness' | 'victim' | 'supporter' = 'witness'): Promise<{ linkId: string; token: string }> {
    if (!web) throw new Error('suite set-up failed');
    const participant = await createParticipant({ hearingId, hearingRole: role, displayName: `Witness ${uniqueSuffix()}` });
    const res = await http(web.api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participant.id}/links`, {
      token: judgeToken,
      body: {},
    });
    if (res.status !== 201) throw new Error(`issuing a link failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function linkUsedAt(linkId: string): Promise<Date | null> {
    const { rows } = await testDb().query('SELECT used_at FROM hearing_links WHERE id = $1', [linkId]);
    return rows[0].used_at;
  }

  async function documentLanguage(page: Page) {
    return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  }

  it('welcomes the witness, spends the link only on Start, checks their devices, and survives a reload', async () => {
    const link = await issueLink();
    const { page, pageErrors } = await newPage('en-GB', { width: 1280, height: 900 });

    await page.goto(`/join/${link.token}`);
    await page.getByRole('heading', { level: 1, name: en.join.welcome.title }).waitFor();
    await page.getByText(en.join.welcome.stepWait).waitFor();
    // Opening the page (as a messaging app's link preview would) must not use the link up.
    await expect(linkUsedAt(link.linkId)).resolves.toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-join-welcome-en.png`, fullPage: true });

    await page.getByRole('button', { name: en.join.welcome.start }).click();

    await page.getByRole('heading', { level: 1, name: en.join.check.title }).waitFor();
    await expect(linkUsedAt(link.linkId)).resolves.toBeInstanceOf(Date);
    // The token has left the address bar and the history; the session lives in this tab only.
    await expect(page.evaluate(() => location.pathname)).resolves.toBe('/join');
    await expect(page.evaluate(() => sessionStorage.getItem('ejustice.hearingSession') !== null)).resolves.toBe(true);
    // Focus moved to the new step's heading, as a page load would.
    await page.waitForFunction((title) => document.activeElement?.textContent === title, en.join.check.title, { timeout: 2000 });

    // The camera light goes on only when the person asks for it.
    await expect(page.evaluate(() => document.querySelector('video'))).resolves.toBeNull();
    await page.getByRole('button', { name: en.techCheck.start }).click();

    // The fake camera's picture plays in the preview, and the fake microphone's tone moves the meter.
    await page.getByLabel(en.techCheck.camera.previewLabel).waitFor();
    await page.waitForFunction(() => {
      const video = document.querySelector('video');
      return video !== null && video.readyState >= 2 && video.videoWidth > 0;
    });
    await page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 15_000 });
    await expect(page.getByRole('combobox', { name: en.techCheck.camera.picker }).count()).resolves.toBe(1);
    await expect(page.getByRole('combobox', { name: en.techCheck.microphone.picker }).count()).resolves.toBe(1);

    await page.getByRole('button', { name: en.techCheck.speaker.play }).click();
    await page.getByText(en.techCheck.speaker.played).waitFor({ timeout: 10_000 });

    // The connection check finishes with a verdict in words; on 127.0.0.1 it is good. (Any verdict
    // ends the wait, so a wrong one fails here with the round-trip figures the page showed.)
    const networkStatus = page.getByRole('region', { name: en.techCheck.network.title }).getByRole('status');
    await networkStatus.locator('.check-result').waitFor({ timeout: 20_000 });
    await expect(networkStatus.locator('p').allInnerTexts()).resolves.toEqual([
      en.techCheck.network.verdict.good,
      expect.any(String),
      en.techCheck.network.meaning,
    ]);
    await expect(page.getByRole('button', { name: en.join.check.enter }).isEnabled()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-tech-check-en.png`, fullPage: true });

    // A reload (a phone reloading the tab, a nervous F5) keeps the session instead of showing
    // "this link has already been used".
    await page.reload();
    await page.getByRole('heading', { level: 1, name: en.join.check.title }).waitFor();
    await expect(page.getByText(en.join.problem.used.title).count()).resolves.toBe(0);

    await page.getByLabel(en.language.label).selectOption('ar');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await page.getByRole('heading', { level: 1, name: ar.join.check.title }).waitFor();
    await page.getByRole('button', { name: ar.techCheck.start }).click();
    await page.getByText(ar.techCheck.microphone.heard).waitFor({ timeout: 15_000 });
    await page.getByText(ar.techCheck.network.verdict.good).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-tech-check-ar.png`, fullPage: true });
    // On a phone the check is one column, and nothing is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-tech-check-ar-phone.png`, fullPage: true });

    expect(pageErrors).toEqual([]);
  });

  it('tells a witness kindly, in their language, that a link was used, withdrawn, expired or is unknown', async () => {
    if (!web) throw new Error('suite set-up failed');
    const used = await issueLink();
    await http(web.api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: used.token } });
    const revoked = await issueLink();
    await http(web.api.baseUrl, 'POST', `/api/hearing-links/${revoked.linkId}/revoke`, { token: judgeToken });
    const expired = await issueLink();
    await testDb().query(
      "UPDATE hearing_links SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 minute' WHERE id = $1",
      [expired.linkId],
    );
    const cases: [string, 'used' | 'revoked' | 'expired' | 'unknown'][] = [
      [used.token, 'used'],
      [revoked.token, 'revoked'],
      [expired.token, 'expired'],
      ['A'.repeat(43), 'unknown'],
    ];

    for (const [language, strings] of [
      ['en-GB', en],
      ['ar-EG', ar],
    ] as const) {
      const { page, pageErrors } = await newPage(language, { width: 390, height: 844 });
      for (const [token, problem] of cases) {
        await page.goto(`/join/${token}`);
        await page.getByRole('button', { name: strings.join.welcome.start }).click();
        await page.getByRole('heading', { level: 1, name: strings.join.problem[problem].title }).waitFor();
        await page.getByRole('alert').filter({ hasText: strings.join.problem[problem].text }).waitFor();
        await page.getByText(strings.join.problem.contactCourt).waitFor();
        // Trying again cannot help with these: no button that pretends it could.
        await expect(page.getByRole('button', { name: strings.common.retry }).count()).resolves.toBe(0);
        if (problem === 'used') await page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-link-used-${language}.png`, fullPage: true });
      }
      expect(pageErrors).toEqual([]);
    }
  });
});
