import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { closeTestDb, createCourt, createUser, testDb, uniqueSuffix } from '@ejustice/testing/factories';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import { readable } from '../../apps/web/src/i18n/browser-zone.testing';
import { formatCourtDateTime } from '../../apps/web/src/i18n/court-time';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * E-filing end to end in Debian's Chromium, against the real api, PostgreSQL and disk: a counsel
 * opens a trafficking case through the step-by-step submission (with a protected victim, a file
 * the browser refuses, a file the server refuses, then a real upload whose progress bar moves),
 * gets the receipt and its PDF; a clerk claims the filing, reads it rendered by pdf.js, decides
 * with keyboard shortcuts and accepts it; the new case's docket then shows the entries in Arabic
 * (right to left) and in English, with the protected victim under her pseudonym only.
 * Strings come from the locale files, so the test reads what a person reads.
 */

/* Browser globals used inside page.evaluate(), declared locally (see login-and-language.browser-spec.ts). */
declare const document: {
  documentElement: { lang: string; dir: string; outerHTML: string };
  activeElement: { tagName: string } | null;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};
declare const MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
declare const window: { __progress?: number[] } & Record<string, unknown>;

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';

/** `{{name}}` placeholders of a locale string filled in, as i18next does. */
function tr(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/{{\s*(\w+)[^}]*}}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A small valid PDF with a line of text on each page. */
async function pdfWithText(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const line of lines) {
    const page = pdf.addPage([595, 842]);
    page.drawText(line, { x: 60, y: 760, size: 18, font });
  }
  return Buffer.from(await pdf.save());
}

/**
 * A valid PDF of about `megabytes` MB: a page whose content stream carries many lines of
 * hex text (incompressible), so the upload takes long enough for the progress bar to move.
 */
async function largePdf(megabytes: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Courier);
  const page = pdf.addPage([595, 842]);
  page.drawText('Exhibit 1: bank statements', { x: 60, y: 780, size: 16, font });
  const line = () => createHash('sha256').update(String(Math.random())).digest('hex');
  const target = megabytes * 1024 * 1024;
  for (let written = 0, y = 740; written < target; written += 140, y = y < 40 ? 740 : y - 8) {
    page.drawText(line(), { x: 40, y, size: 5, font });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/filing-${name}.png`, fullPage: true });
}

describe('e-filing: submit, review, docket (Chromium)', () => {
  let web: WebApp | undefined;

  beforeAll(async () => {
    web = await startWebApp({ pages: { viewport: { width: 1280, height: 900 }, timeout: 20_000 } });
  });

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function newPage(locale: string, timezoneId?: string): Promise<LocalePage> {
    if (!web) throw new Error('suite set-up failed');
    return web.newPage(locale, { timezoneId });
  }

  it('a counsel files a petition, a clerk accepts it with the keyboard, and the docket shows it in Arabic and in English', async () => {
    const court = await createCourt({ name: `Court of First Instance ${uniqueSuffix()}`, timeZone: 'Africa/Cairo' });
    const counsel = await createUser({ roles: ['counsel'], courtId: court.id, displayName: 'Leila Mansour' });
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id, displayName: 'Omar Clerk' });
    const victimName = `Amal Haddad ${uniqueSuffix()}`;
    const pseudonym = 'Witness A';
    const caseTitle = `Association v. Unknown ${uniqueSuffix()}`;
    const filingTitle = `Petition for protection ${uniqueSuffix()}`;
    const lead = await pdfWithText(['PETITION', 'The petitioner asks the court for protection.']);
    const exhibit = await largePdf(3);
    const broken = (await pdfWithText(['will be cut'])).subarray(0, 300);

    // ---- The filer: five steps ----
    const { page, pageErrors } = await newPage('en-GB');
    await signIn(page, counsel);
    await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.myFilings }).click();
    await page.getByRole('heading', { level: 1, name: en.filing.mine.title }).waitFor();
    await page.getByText(en.filing.mine.empty).waitFor();
    await page.getByRole('link', { name: en.filing.mine.start }).click();

    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.kind }).waitFor();
    await shot(page, 'step1-en');
    // Continue without a choice: the summary says what is missing, and nothing moves on.
    await page.getByRole('button', { name: en.filing.wizard.next }).click();
    await page.getByRole('alert').filter({ hasText: en.filing.errors.kindRequired }).waitFor();
    await page.getByLabel(en.filing.wizard.kind.newCase).check();
    await page.getByRole('button', { name: en.filing.wizard.next }).click();

    // Step 2: the focus moves to the new step's heading.
    const details = page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.details });
    await details.waitFor();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H2');
    await page.getByLabel(en.filing.wizard.details.caseType).selectOption('trafficking');
    await page.getByLabel(en.filing.wizard.details.caseTitle).fill(caseTitle);
    await page.getByLabel(en.filing.wizard.details.filingType).selectOption('petition');
    await page.getByLabel(en.filing.wizard.details.filingTitle).fill(filingTitle);
    await page.getByLabel(en.filing.urgency.child_victim).check();
    await page.getByRole('heading', { name: en.filing.wizard.protection.title }).waitFor();
    await page.getByRole('button', { name: en.filing.wizard.parties.add }).click();
    await page.getByRole('button', { name: en.filing.wizard.parties.add }).click();
    const victim = page.getByRole('group', { name: tr(en.filing.wizard.parties.heading, { number: 1 }) });
    await victim.getByLabel(en.filing.wizard.parties.role).selectOption('victim');
    await victim.getByLabel(en.filing.wizard.parties.fullName).fill(victimName);
    // Protection is offered (ticked) for a victim; the pseudonym is asked for.
    await expect(victim.getByLabel(en.filing.wizard.parties.protect).isChecked()).resolves.toBe(true);
    await victim.getByLabel(en.filing.wizard.parties.pseudonym).fill(pseudonym);
    const association = page.getByRole('group', { name: tr(en.filing.wizard.parties.heading, { number: 2 }) });
    await association.getByLabel(en.filing.wizard.parties.role).selectOption('complainant');
    await association.getByLabel(en.filing.wizard.parties.fullName).fill('Anti-Trafficking Association');
    await association.getByLabel(en.filing.wizard.parties.linkRepresents).check();
    await shot(page, 'step2-en');
    await page.getByRole('button', { name: en.filing.wizard.next }).click();

    // Step 3: a picture named .pdf is refused by the browser's own check, with its name.
    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.documents }).waitFor();
    await page.getByLabel(en.filing.wizard.documents.add).setInputFiles([
      { name: 'petition.pdf', mimeType: 'application/pdf', buffer: lead },
      { name: 'exhibit-3.pdf', mimeType: 'application/pdf', buffer: Buffer.from('\x89PNG\r\n\x1a\nnot a pdf') },
    ]);
    const notPdf = tr(en.filing.precheck.not_pdf, { name: 'exhibit-3.pdf' });
    await page.getByText(notPdf).waitFor();
    await page.getByRole('button', { name: en.filing.wizard.next }).click();
    // The summary of what stops the step names the file, and the step stays.
    await page.getByRole('alert').filter({ hasText: en.filing.wizard.errorSummary }).filter({ hasText: notPdf }).waitFor();
    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.documents }).waitFor();
    await shot(page, 'step3-error-en');
    await page.getByRole('button', { name: tr(en.filing.wizard.documents.remove, { name: 'exhibit-3.pdf' }) }).click();
    // One the browser cannot tell from a good PDF (right header, cut short): only the server can.
    await page.getByLabel(en.filing.wizard.documents.add).setInputFiles([
      { name: 'exhibit-1.pdf', mimeType: 'application/pdf', buffer: exhibit },
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: broken },
    ]);
    await page.getByLabel(tr(en.filing.wizard.documents.titleLabel, { name: 'exhibit-1.pdf' })).fill('Exhibit 1: bank statements');
    await expect(page.getByText(en.filing.wizard.documents.ready, { exact: true }).count()).resolves.toBe(3);
    await page.getByRole('button', { name: en.filing.wizard.next }).click();

    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.confidentiality }).waitFor();
    await page.getByText(en.filing.wizard.confidentiality.trafficking).waitFor();
    await page.getByLabel(en.filing.wizard.confidentiality.confidential).check();
    await page.getByRole('button', { name: en.filing.wizard.next }).click();

    // Step 5: everything is shown back, in Arabic too.
    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.review }).waitFor();
    await page.getByText(tr(en.filing.wizard.review.protectedAs, { pseudonym })).waitFor();
    await shot(page, 'step5-en');
    await page.getByLabel(en.language.label).selectOption('ar');
    await page.getByRole('heading', { level: 2, name: ar.filing.wizard.steps.review }).waitFor();
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await shot(page, 'step5-ar');
    await page.getByLabel(ar.language.label).selectOption('en');
    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.review }).waitFor();

    // The server parses every document and refuses the broken one, naming it; nothing is filed.
    await page.getByRole('button', { name: en.filing.wizard.review.submit }).click();
    const damaged = page.getByRole('alert').filter({ hasText: tr(en.errors.filing.document_damaged, { document: 'broken.pdf' }) });
    await damaged.waitFor();
    await expect(testDb().query('SELECT count(*)::int AS n FROM filings WHERE filer_user_id = $1', [counsel.id])).resolves.toMatchObject({
      rows: [{ n: 0 }],
    });
    await shot(page, 'server-error-en');
    await page.getByRole('button', { name: `${en.filing.wizard.change} ${en.filing.wizard.steps.documents}` }).click();
    await page.getByRole('button', { name: tr(en.filing.wizard.documents.remove, { name: 'broken.pdf' }) }).click();
    await page.getByRole('button', { name: en.filing.wizard.next }).click();
    await page.getByRole('button', { name: en.filing.wizard.next }).click();
    await page.getByRole('heading', { level: 2, name: en.filing.wizard.steps.review }).waitFor();

    // A slow uplink, so the bar has time to move; every value it shows is recorded.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 1.5 * 1024 * 1024,
    });
    await page.evaluate(() => {
      window.__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"], progress');
        const value = bar?.getAttribute('aria-valuenow');
        if (value !== null && value !== undefined) window.__progress?.push(Number(value));
      }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole('button', { name: en.filing.wizard.review.submit }).click();
    await page.getByRole('progressbar', { name: en.filing.wizard.progress.label }).waitFor();
    await shot(page, 'progress-en');

    await page.getByRole('heading', { level: 1, name: en.filing.receipt.title }).waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const progress = (await page.evaluate(() => window.__progress ?? [])) as number[];
    expect(progress.some((value) => value > 0 && value < 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(Math.max(...progress)).toBe(100);

    // The receipt: id, both clocks, and each document's SHA-256 as the test computes it.
    const filingId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByText(filingId, { exact: true }).waitFor();
    await page.getByText(tr(en.filing.receipt.receivedCourt, { timeZone: 'Africa/Cairo' })).waitFor();
    await page.getByText(sha256(lead), { exact: true }).waitFor();
    await page.getByText(sha256(exhibit), { exact: true }).waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'Exhibit 1: bank statements' }).textContent()).resolves.toMatch(/\b1\b/);
    await shot(page, 'receipt-en');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: en.filing.receipt.download }).click();
    const receiptPdf = readFileSync((await (await download).path()) ?? '');
    expect(receiptPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('link', { name: en.filing.receipt.myFilings }).click();
    const mine = page.getByRole('row').filter({ hasText: filingTitle });
    await mine.waitFor();
    await expect(mine.textContent()).resolves.toContain(en.filing.status.submitted);

    // ---- The clerk, whose laptop is set to Los Angeles time ----
    const desk = await newPage('en-GB', 'America/Los_Angeles');
    await signIn(desk.page, clerk);
    await desk.page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.filingQueue }).click();
    const row = desk.page.getByRole('row').filter({ hasText: filingTitle });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(en.filing.urgent);
    // The queue states the time of receipt on the Cairo court's clock, naming the zone.
    const { rows: received } = await testDb().query('SELECT received_at FROM filings WHERE id = $1', [filingId]);
    const cairoTime = formatCourtDateTime((received[0].received_at as Date).toISOString(), 'en', 'Africa/Cairo');
    expect(readable(cairoTime)).toMatch(/ GMT\+[23] \(Africa\/Cairo\)$/);
    // Compared as read: Chromium's ICU may space "12:15 PM" differently from Node's.
    expect(readable((await row.locator('time').first().textContent()) ?? '')).toBe(readable(cairoTime));
    await shot(desk.page, 'queue-en');
    await row.getByRole('button', { name: tr(en.clerk.queue.claimLabel, { title: filingTitle }) }).click();
    await desk.page.waitForURL(`**/clerk/filings/${filingId}`);
    await desk.page.getByText(tr(en.clerk.review.documentOf, { current: 1, total: 2 }), { exact: false }).waitFor();
    // pdf.js has drawn the lead document's first page.
    await desk.page.locator('canvas[data-rendered="true"]').waitFor({ timeout: 30_000 });
    await desk.page.getByText(tr(en.clerk.review.pageOf, { current: 1, total: 2 })).waitFor();
    await shot(desk.page, 'review-en');

    // The shortcuts, with their help dialog.
    await desk.page.keyboard.press('?');
    const help = desk.page.getByRole('dialog', { name: en.clerk.review.helpTitle });
    await help.waitFor();
    await help.getByText(en.clerk.review.shortcut.returnForCorrection).waitFor();
    await shot(desk.page, 'shortcuts-en');
    await desk.page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await desk.page.keyboard.press('n');
    await desk.page.getByText(tr(en.clerk.review.pageOf, { current: 2, total: 2 })).waitFor();
    await desk.page.keyboard.press('a');
    await desk.page.getByText(tr(en.clerk.review.markedAccepted, { title: 'petition' })).waitFor({ state: 'attached' });
    await desk.page.keyboard.press('j');
    await desk.page.getByText(tr(en.clerk.review.documentOf, { current: 2, total: 2 }), { exact: false }).waitFor();
    // "r" marks the exhibit rejected and puts the focus in the reason list, where "a" is typing,
    // not a shortcut: the exhibit stays rejected until the clerk leaves the list and presses "a".
    await desk.page.keyboard.press('r');
    // The focus moves in the effect after the render: wait for it (a loaded machine renders late).
    await desk.page.waitForFunction(() => document.activeElement?.tagName === 'SELECT', undefined, { timeout: 5000 });
    await desk.page.keyboard.press('a');
    await expect(desk.page.getByRole('radio', { name: en.clerk.review.reject }).isChecked()).resolves.toBe(true);
    await desk.page.getByRole('heading', { level: 2, name: en.clerk.review.documents }).click();
    await desk.page.keyboard.press('a');
    await expect(desk.page.getByRole('radio', { name: en.clerk.review.accept }).isChecked()).resolves.toBe(true);
    await desk.page.getByRole('button', { name: en.clerk.review.record }).click();
    await desk.page.getByText(tr(en.clerk.review.alreadyDecided, { status: en.filing.status.accepted })).waitFor();
    await shot(desk.page, 'decided-en');
    await desk.page.getByRole('link', { name: en.filing.receipt.openCase }).click();
    await desk.page.getByRole('heading', { level: 2, name: en.docket.entries }).waitFor();
    // The court knows who the victim is.
    await desk.page.getByText(victimName).waitFor();

    // An empty queue says so.
    await desk.page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.filingQueue }).click();
    await desk.page.getByText(en.clerk.queue.empty).waitFor();
    await desk.page.getByLabel(en.language.label).selectOption('ar');
    await desk.page.getByText(ar.clerk.queue.empty).waitFor();
    await shot(desk.page, 'queue-empty-ar');

    // ---- The docket, as the filer sees it: Arabic, then English ----
    const { rows } = await testDb().query('SELECT c.id, c.number FROM filings f JOIN cases c ON c.id = f.case_id WHERE f.id = $1', [
      filingId,
    ]);
    expect(rows).toHaveLength(1);
    const [{ id: caseId, number: caseNumber }] = rows as { id: string; number: string }[];
    expect(caseNumber).toMatch(new RegExp(`^${court.code}-TIP-\\d{4}-\\d{6}$`));

    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 2, name: en.docket.entries }).waitFor();
    await page.getByLabel(en.language.label).selectOption('ar');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'ar', dir: 'rtl' });
    await page.getByRole('heading', { level: 1, name: tr(ar.docket.heading.replace('<number/>', caseNumber)) }).waitFor();
    await page.getByRole('heading', { level: 2, name: ar.docket.entries }).waitFor();
    await page.getByRole('heading', { level: 2, name: ar.docket.parties }).waitFor();
    await page.getByRole('columnheader', { name: ar.docket.entryColumns.summary }).waitFor();
    // The petition and its exhibit, each its own entry, with its type in Arabic.
    const arabicRows = page.getByRole('row').filter({ hasText: filingTitle });
    await expect(arabicRows.count()).resolves.toBe(2);
    await expect(arabicRows.nth(0).textContent()).resolves.toContain(ar.filing.filingType.petition);
    await expect(arabicRows.nth(1).textContent()).resolves.toContain(ar.docket.entryType.attachment);
    await page.getByRole('row').filter({ hasText: pseudonym }).filter({ hasText: ar.docket.protected }).waitFor();
    await shot(page, 'docket-ar');

    await page.getByLabel(ar.language.label).selectOption('en');
    await expect(documentLanguage(page)).resolves.toEqual({ lang: 'en', dir: 'ltr' });
    await page.getByRole('heading', { level: 2, name: en.docket.entries }).waitFor();
    await page.getByRole('columnheader', { name: en.docket.entryColumns.summary }).waitFor();
    const entries = page.getByRole('row').filter({ hasText: filingTitle });
    await expect(entries.count()).resolves.toBe(2);
    await expect(entries.nth(0).getByRole('cell').first().textContent()).resolves.toBe('1');
    await expect(entries.nth(0).textContent()).resolves.toContain(en.filing.filingType.petition);
    await expect(entries.nth(1).getByRole('cell').first().textContent()).resolves.toBe('2');
    await expect(entries.nth(1).textContent()).resolves.toContain(en.docket.entryType.attachment);
    // The filer may read the confidential entries: each comes with its document to download.
    await expect(entries.nth(0).getByRole('button', { name: en.docket.download }).count()).resolves.toBe(1);
    await page.getByRole('row').filter({ hasText: pseudonym }).filter({ hasText: en.docket.protected }).waitFor();
    await shot(page, 'docket-en');
    // Counsel for the association may not know who the victim is: her name is nowhere in the page.
    await expect(page.evaluate(() => document.documentElement.outerHTML)).resolves.not.toContain(victimName);

    expect(pageErrors).toEqual([]);
    expect(desk.pageErrors).toEqual([]);
  }, 240_000);
});
