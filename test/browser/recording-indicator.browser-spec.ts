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
  type TestUser,
} from '@ejustice/testing/factories';
import { http, login } from '@ejustice/testing/http-client';
import type { Page } from 'playwright-core';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * The court's recording, seen from every seat, in Debian's Chromium on the real api, a real media
 * node and a real mediasoup worker: the judge starts the recording from the console; the judge
 * and the witness in the courtroom see the indicator (and the witness's screen reader is told);
 * a person in the waiting room is told that the hearing is recorded before being admitted, from
 * the join answer when they arrive during the recording and from the notification when it changes
 * while they wait. Pause, resume and stop reach everyone the same way. Then interpretation: a
 * witness chooses the Arabic channel and hears the interpreter at full level with the judge
 * lowered (the levels of the page's own audio elements), and the interpreter switches to the floor.
 */

// Browser-side shapes touched in page.evaluate() callbacks (type-checked with Node's libs).
declare const document: { documentElement: { dir: string }; querySelectorAll(selector: string): Iterable<{ volume: number }> };

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';
/** WebRTC ports of this suite's media node; other suites use other ranges. */
const RTC_PORT_BASE = 31170;

describe('the recording indicator and the interpretation picker (Chromium, real media node)', () => {
  let web: WebApp | undefined;

  beforeAll(async () => {
    web = await startWebApp({ media: { rtcPortBase: RTC_PORT_BASE }, pages: { viewport: { width: 1280, height: 860 }, testHooks: true } });
  });

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function newPage(locale: string): Promise<LocalePage> {
    if (!web) throw new Error('suite set-up failed');
    return web.newPage(locale);
  }

  /**
   * A court (working in English), its judge, a trafficking case, today's hearing, and the people
   * given, each with a one-time link (an interpreter with the language they interpret into).
   */
  async function arrangeHearing(
    people: { displayName: string; role: 'witness' | 'interpreter'; language?: string }[],
  ): Promise<{ judge: TestUser; hearingId: string; links: string[] }> {
    if (!web) throw new Error('suite set-up failed');
    const court = await createCourt({ name: `Criminal Court ${uniqueSuffix()}`, language: 'en' });
    const judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Amina Benali' });
    const trafficking = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      assignedJudgeId: judge.id,
    });
    const hearing = await createHearing({ caseId: trafficking.id, courtId: court.id, presidingJudgeId: judge.id, startInMinutes: 1 });
    const judgeToken = (await login(web.api.baseUrl, judge.email, judge.password)).accessToken;
    const links: string[] = [];
    for (const person of people) {
      const participant = await createParticipant({ hearingId: hearing.id, hearingRole: person.role, displayName: person.displayName });
      if (person.language)
        await testDb().query('UPDATE hearing_participants SET language = $2 WHERE id = $1', [participant.id, person.language]);
      const link = await http(web.api.baseUrl, 'POST', `/api/hearings/${hearing.id}/participants/${participant.id}/links`, {
        token: judgeToken,
        body: {},
      });
      expect(link.status).toBe(201);
      links.push(link.body.token as string);
    }
    return { judge, hearingId: hearing.id, links };
  }

  /** The judge signs in, checks their devices, enters the room and opens the sitting; returns the console. */
  async function judgeOpens(page: Page, judge: TestUser, hearingId: string) {
    await signIn(page, judge);
    await page.goto(`/hearings/${hearingId}`);
    await page.getByRole('button', { name: en.techCheck.start }).click();
    await page.getByRole('button', { name: en.room.enter }).click();
    const consolePanel = page.getByRole('complementary', { name: en.console.label });
    await consolePanel.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: en.console.sitting.openHearing }).click();
    await page.getByText(en.hearingStatuses.open, { exact: true }).waitFor();
    return consolePanel;
  }

  async function admit(bench: Page, who: string, page: Page): Promise<void> {
    await bench.getByRole('button', { name: en.console.actionsFor.admit.replace('{{name}}', who), exact: true }).click();
    await page.locator('[data-view="hearing-room"]').waitFor({ timeout: 15_000 });
  }

  /** The witness opens their link, checks their devices and enters the waiting room. */
  async function witnessWaits(page: Page, linkToken: string): Promise<void> {
    await page.goto(`/join/${linkToken}`);
    await page.getByRole('button', { name: en.join.welcome.start }).click();
    await page.getByRole('button', { name: en.techCheck.start }).click();
    await page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: en.join.check.enter }).click();
    await page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
  }

  /** The red dot in the room's bar, and the notice of the waiting room. */
  const indicator = (page: Page) => page.locator('.room__badges .recording-indicator');
  const waitingNotice = (page: Page) => page.locator('.recording-notice');

  /** The levels at which the page plays the voices it receives (its hidden audio elements), lowest first. */
  async function waitForVolumes(page: Page, expected: number[]): Promise<void> {
    await page.waitForFunction(
      (want) => {
        const volumes = [...document.querySelectorAll('audio[hidden]')].map((element) => element.volume).sort((a, b) => a - b);
        return JSON.stringify(volumes) === JSON.stringify(want);
      },
      expected,
      { timeout: 20_000 },
    );
  }

  it('shows the indicator to the judge and the witness in the room, and tells the person waiting before admission', async () => {
    const {
      judge,
      hearingId,
      links: [linkA, linkB],
    } = await arrangeHearing([
      { displayName: 'Witness A', role: 'witness' },
      { displayName: 'Witness B', role: 'witness' },
    ]);

    // --- The judge enters and opens the sitting; witness A waits, is told nothing of a recording, and is admitted.
    const bench = await newPage('en-GB');
    const consolePanel = await judgeOpens(bench.page, judge, hearingId);
    await consolePanel.getByText(en.console.recording.off).waitFor();

    const witnessA = await newPage('en-GB');
    await witnessWaits(witnessA.page, linkA!);
    await expect(waitingNotice(witnessA.page).count()).resolves.toBe(0);
    await admit(bench.page, 'Witness A (Witness)', witnessA.page);
    await expect(indicator(witnessA.page).count()).resolves.toBe(0);
    await expect(indicator(bench.page).count()).resolves.toBe(0);

    // --- The judge starts the recording.
    await consolePanel.getByRole('button', { name: en.console.recording.startRecording, exact: true }).click();

    // Both in the room see the red dot with its word; the witness's live region says it.
    for (const page of [bench.page, witnessA.page]) {
      await indicator(page).filter({ hasText: en.room.recording.running }).waitFor({ timeout: 15_000 });
      await expect(indicator(page).getAttribute('data-recording')).resolves.toBe('running');
    }
    await witnessA.page.getByRole('status').filter({ hasText: en.room.announce.recording.started }).waitFor();
    // The console now offers Pause and Stop, not Start.
    await consolePanel.getByRole('button', { name: en.console.recording.pauseRecording, exact: true }).waitFor();
    await expect(consolePanel.getByRole('button', { name: en.console.recording.startRecording, exact: true }).count()).resolves.toBe(0);

    // --- Witness B arrives while the court records: told so in the waiting room, before admission.
    const witnessB = await newPage('en-GB');
    await witnessWaits(witnessB.page, linkB!);
    await waitingNotice(witnessB.page).filter({ hasText: en.room.recording.waitingNotice.running }).waitFor({ timeout: 15_000 });
    await witnessB.page.screenshot({ path: `${SCREENSHOT_DIR}/recording-waiting-notice-en.png`, fullPage: true });
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/recording-console-running-en.png`, fullPage: true });

    // --- Paused: everyone sees it change, the waiting room included (from the notification).
    await consolePanel.getByRole('button', { name: en.console.recording.pauseRecording, exact: true }).click();
    for (const page of [bench.page, witnessA.page]) {
      await indicator(page).filter({ hasText: en.room.recording.paused }).waitFor({ timeout: 15_000 });
    }
    await witnessA.page.getByRole('status').filter({ hasText: en.room.announce.recording.paused }).waitFor();
    await waitingNotice(witnessB.page).filter({ hasText: en.room.recording.waitingNotice.paused }).waitFor({ timeout: 15_000 });

    // --- Resumed, and read in Arabic (right to left) by the witness in the room.
    await consolePanel.getByRole('button', { name: en.console.recording.resumeRecording, exact: true }).click();
    // By its state, not its words: "Recording" is also in "Recording paused".
    for (const page of [bench.page, witnessA.page]) {
      await page.locator('.room__badges .recording-indicator[data-recording="running"]').waitFor({ timeout: 15_000 });
    }
    await witnessA.page.getByLabel(en.language.label).selectOption('ar');
    await expect(witnessA.page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    await indicator(witnessA.page).filter({ hasText: ar.room.recording.running }).waitFor();
    await witnessA.page.screenshot({ path: `${SCREENSHOT_DIR}/recording-indicator-ar.png`, fullPage: true });
    await witnessA.page.getByLabel(ar.language.label).selectOption('en');

    // --- Stopped (asked first): the indicator and the notice go, for everyone.
    await consolePanel.getByRole('button', { name: en.console.recording.stopRecording, exact: true }).click();
    await bench.page.getByRole('dialog').getByRole('button', { name: en.console.recording.stopRecording, exact: true }).click();
    for (const page of [bench.page, witnessA.page]) {
      await indicator(page).waitFor({ state: 'detached', timeout: 15_000 });
    }
    await witnessA.page.getByRole('status').filter({ hasText: en.room.announce.recording.stopped }).waitFor();
    await waitingNotice(witnessB.page).waitFor({ state: 'detached', timeout: 15_000 });
    await consolePanel.getByRole('button', { name: en.console.recording.startRecording, exact: true }).waitFor();

    for (const { pageErrors } of [bench, witnessA, witnessB]) expect(pageErrors).toEqual([]);
    await web?.closePages();
  }, 300_000);

  it('lets a listener choose the Arabic channel (the floor lowered under the interpreter) and the interpreter switch to the floor', async () => {
    const {
      judge,
      hearingId,
      links: [witnessLink, interpreterLink],
    } = await arrangeHearing([
      { displayName: 'Witness A', role: 'witness' },
      { displayName: 'Interpreter Y', role: 'interpreter', language: 'ar' },
    ]);
    const bench = await newPage('en-GB');
    await judgeOpens(bench.page, judge, hearingId);
    const witness = await newPage('en-GB');
    await witnessWaits(witness.page, witnessLink!);
    await admit(bench.page, 'Witness A (Witness)', witness.page);
    const interpreter = await newPage('en-GB');
    await witnessWaits(interpreter.page, interpreterLink!);
    await admit(bench.page, 'Interpreter Y (Interpreter)', interpreter.page);

    // The interpreter interprets into Arabic (simultaneous) and speaks.
    const intoChannel = interpreter.page.getByRole('radio', { name: en.room.interpretation.toChannel.replace('{{language}}', 'Arabic') });
    await expect(intoChannel.isChecked()).resolves.toBe(true);
    await interpreter.page.getByRole('button', { name: en.room.controls.unmute }).click();
    await interpreter.page.getByRole('button', { name: en.room.controls.mute, exact: true }).waitFor();

    // The witness listens to the floor: the judge at full level, no interpreter.
    const picker = witness.page.getByLabel(en.room.interpretation.listenTo);
    await expect(picker.inputValue()).resolves.toBe('');
    await expect(picker.locator('option').allTextContents()).resolves.toEqual([
      en.room.interpretation.floor.replace('{{language}}', 'English'),
      en.room.interpretation.channel.replace('{{language}}', 'Arabic'),
    ]);
    await waitForVolumes(witness.page, [1]);

    // She chooses Arabic: the picker shows the server's answer; the interpreter comes at full level, the judge lowered.
    await picker.selectOption('ar');
    await witness.page.getByText(en.room.interpretation.onChannelHint).waitFor({ timeout: 15_000 });
    await expect(picker.inputValue()).resolves.toBe('ar');
    await waitForVolumes(witness.page, [0.25, 1]);
    await witness.page.screenshot({ path: `${SCREENSHOT_DIR}/interpretation-picker-en.png`, fullPage: true });

    // The interpreter switches to the floor (consecutive): nothing comes on the channel, so nothing is lowered.
    // A click, not check(): the switch shows the server's answer, so it turns only once the server has switched.
    await interpreter.page.getByRole('radio', { name: en.room.interpretation.toFloor }).click();
    await interpreter.page.getByRole('radio', { name: en.room.interpretation.toFloor, checked: true }).waitFor({ timeout: 15_000 });
    await waitForVolumes(witness.page, [1, 1]);
    await interpreter.page.screenshot({ path: `${SCREENSHOT_DIR}/interpretation-interpreter-en.png`, fullPage: true });
    await interpreter.page.getByLabel(en.language.label).selectOption('ar');
    await interpreter.page.getByRole('radio', { name: ar.room.interpretation.toFloor }).waitFor();
    await interpreter.page.screenshot({ path: `${SCREENSHOT_DIR}/interpretation-interpreter-ar.png`, fullPage: true });

    // Back to the floor.
    await picker.selectOption('');
    await witness.page.getByText(en.room.interpretation.onFloorHint).waitFor({ timeout: 15_000 });

    for (const { pageErrors } of [bench, witness, interpreter]) expect(pageErrors).toEqual([]);
  }, 300_000);
});
