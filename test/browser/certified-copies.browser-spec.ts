import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Page } from 'playwright-core';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { closeTestDb, createCase, createCourt, createUser, login, testConfig } from '@ejustice/testing';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { docketDocuments, eventually } from '../e2e/certification/certification-support';
import { freshStorageDir } from '../e2e/filing/filing-support';
import { MailSink } from '../e2e/filing/mail-sink';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * Certified copies end to end in Chromium, against the real api, the issue job, PostgreSQL and
 * disk: a member of the public asks for a copy of a public document without an account, a clerk
 * records the fee and approves it, the job seals it, the requester downloads it, and anyone
 * checks it, by its code and by dropping the file: valid; once the clerk revokes it: revoked.
 * Strings come from the locale files, so the test reads what a person reads.
 */

/* The browser global used inside page.evaluate(), declared locally (see login-and-language.browser-spec.ts). */
declare const document: { documentElement: { dir: string } };

// A Redis database of its own, so no other suite's worker takes this suite's issue jobs.
const REDIS_URL = 'redis://127.0.0.1:6379/13';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('certified copies in the browser: request, approval, download, verification, revocation', () => {
  let web: WebApp;
  let worker: INestApplication;
  const sink = new MailSink();

  beforeAll(async () => {
    const smtpUrl = await sink.start();
    const env = {
      STORAGE_DIR: freshStorageDir('certification-browser'),
      REDIS_URL,
      CERTIFICATION_SEAL_P12_FILE: path.join(mkdtempSync(path.join(tmpdir(), 'ejustice-seal-')), 'seal.p12'),
    };
    web = await startWebApp({ env, pages: { timeout: 20_000 } });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...env, SMTP_URL: smtpUrl, WORKER_PORT: '0' }))],
    }).compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await web?.close();
    await sink.close();
    await closeTestDb();
  });

  async function newPage(locale = 'en-GB'): Promise<Page> {
    const { api } = web;
    const localePage = await web.newPage(locale);
    // Download links name the service's public address (PUBLIC_URL); here the api listens on a
    // port of its own, so requests to the public address are sent to it.
    const publicOrigin = new URL(api.config.http.publicUrl).origin;
    if (publicOrigin !== api.baseUrl) {
      await localePage.context.route(`${publicOrigin}/**`, (route) =>
        route.continue({ url: route.request().url().replace(publicOrigin, api.baseUrl) }),
      );
    }
    return localePage.page;
  }

  async function verdictOf(page: Page): Promise<string> {
    const verdict = page.locator('.verdict');
    await verdict.waitFor();
    return verdict.innerText();
  }

  it('a member of the public gets a copy a clerk approved, and anyone can check it until it is revoked', async () => {
    const court = await createCourt({ timeZone: 'Africa/Cairo' });
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    const counsel = await createUser({ roles: ['counsel'], courtId: court.id });
    const theCase = await createCase({
      courtId: court.id,
      confidentiality: 'public',
      parties: [{ partyRole: 'defendant', fullName: 'Yusuf Karam', counselUserId: counsel.id }],
    });
    const [counselToken, clerkToken] = [
      (await login(web.api.baseUrl, counsel.email, counsel.password)).accessToken,
      (await login(web.api.baseUrl, clerk.email, clerk.password)).accessToken,
    ];
    const [documentId] = await docketDocuments(web.api.baseUrl, counselToken, clerkToken, theCase.id, [
      { level: 'public', title: 'Judgment' },
    ]);
    const purpose = `For the land registry ${Date.now()}`;

    // The public request: the form says what is missing, then sends, and shows the fee.
    const requester = await newPage();
    await requester.goto(`/certified-copies/request/${documentId}`);
    await requester.getByText(en.certification.request.feeNotice).waitFor();
    await requester.getByRole('button', { name: en.certification.request.submit }).click();
    await requester.getByText(en.certification.request.errors.email.required).waitFor();
    await requester.getByLabel(en.certification.request.email).fill('someone@example.org');
    // The fee, asked of the court as the number of copies changes, before anything is sent.
    const quote = requester.locator('.copy-quote');
    await quote.getByText(en.certification.request.quote).waitFor();
    const amountOf = async () => ((await quote.innerText()).replace(en.certification.request.quote, '').match(/^[^(]*/)?.[0] ?? '').trim();
    const forOne = await amountOf();
    expect(forOne).toMatch(/\d/);
    await requester.getByLabel(en.certification.request.copies).fill('2');
    let forTwo = forOne;
    for (const until = Date.now() + 20_000; forTwo === forOne && Date.now() < until;) {
      await requester.waitForTimeout(100);
      forTwo = await amountOf();
    }
    expect(forTwo).toMatch(/\d/);
    expect(forTwo).not.toBe(forOne);
    await requester.getByLabel(en.certification.request.purpose).fill(purpose);
    await requester.getByRole('button', { name: en.certification.request.submit }).click();
    await requester.getByRole('heading', { name: en.certification.request.sent }).waitFor();
    const facts = await requester.locator('.copy-facts').innerText();
    expect(facts).toContain(en.certification.fee.payment.due);
    // The fee quoted is the fee charged.
    expect(facts).toContain(forTwo);

    // The clerk records the fee and approves: the request leaves the queue of new requests.
    const registry = await newPage();
    await signIn(registry, clerk);
    await registry.goto('/clerk/certified-copies');
    const row = registry.getByRole('row').filter({ hasText: purpose });
    await row.getByRole('button', { name: en.certification.queue.actions.paid }).click();
    // Settled, the fee is no longer offered; approval still is.
    await row.getByRole('button', { name: en.certification.queue.actions.paid }).waitFor({ state: 'detached' });
    await row.getByText(en.certification.fee.payment.paid).waitFor();
    await row.getByRole('button', { name: en.certification.queue.actions.approve }).click();
    await row.waitFor({ state: 'detached' });

    // The job seals it; the requester's list (this browser keeps the access key) offers the download.
    await requester.goto('/certified-copies/public');
    await eventually(
      async () => {
        await requester.reload();
        await requester.locator('.copy-facts').first().waitFor();
        return requester.getByText(en.certification.progress.final.issued).count();
      },
      (n) => n === 1,
      'the copy to be issued',
    );
    const download = requester.waitForEvent('download');
    await requester.getByRole('button', { name: en.certification.download }).click();
    const pdf = readFileSync((await (await download).path()) ?? '');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const code = (await requester.locator('.copy-facts .verification-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    // Anyone verifies it: by the code's address, by typing the code, and by dropping the file.
    const anyone = await newPage();
    await anyone.goto(`/verify/${code}`);
    expect(await verdictOf(anyone)).toContain(en.certification.verify.valid);
    await anyone.goto('/verify');
    await anyone.getByLabel(en.certification.verify.code).fill(code.toLowerCase());
    await anyone.getByRole('button', { name: en.certification.verify.byCode }).click();
    expect(await verdictOf(anyone)).toContain(en.certification.verify.valid);
    await anyone.goto('/verify');
    await anyone.getByLabel(en.certification.verify.choose).setInputFiles({ name: 'copy.pdf', mimeType: 'application/pdf', buffer: pdf });
    const byFile = await verdictOf(anyone);
    expect(byFile).toContain(en.certification.verify.valid);
    expect(byFile).toContain(sha256(pdf));
    // A file the court did not issue is not in the register.
    await anyone.goto('/verify');
    await anyone
      .getByLabel(en.certification.verify.choose)
      .setInputFiles({ name: 'other.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf, Buffer.from('\n')]) });
    expect(await verdictOf(anyone)).toContain(en.certification.verify.notInRegister);

    // The clerk revokes it, with the reason: verification now says revoked, when and why.
    await registry.goto('/clerk/certified-copies');
    await registry.getByLabel(en.certification.queue.filter).selectOption('issued');
    const issued = registry.getByRole('row').filter({ hasText: purpose });
    await issued.getByRole('button', { name: en.certification.queue.actions.revoke }).click();
    await issued.getByLabel(en.certification.queue.reason.revoke).fill('Issued on a superseded judgment.');
    await issued.getByRole('button', { name: en.certification.queue.actions.revoke }).click();
    await issued.waitFor({ state: 'detached' });

    await anyone.goto(`/verify/${code}`);
    const revoked = await verdictOf(anyone);
    expect(revoked).toContain(en.certification.verify.revoked);
    expect(revoked).toContain('Issued on a superseded judgment.');
    await anyone.goto('/verify');
    await anyone.getByLabel(en.certification.verify.choose).setInputFiles({ name: 'copy.pdf', mimeType: 'application/pdf', buffer: pdf });
    expect(await verdictOf(anyone)).toContain(en.certification.verify.revoked);

    // A reader of Arabic sees the same verdict, right to left.
    const arabic = await newPage('ar');
    await arabic.goto(`/verify/${code}`);
    expect(await verdictOf(arabic)).toContain(ar.certification.verify.revoked);
    expect(await arabic.evaluate(() => document.documentElement.dir)).toBe('rtl');
  }, 180_000);
});
