import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type HearingWebApp } from '@ejustice/testing/browser/web-app';
import { peerConnectionStats, recordPeerConnections, waitForVideoDecoding } from '@ejustice/testing/browser/webrtc-stats';
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
import { WorkerPool } from '../../apps/media/src/mediasoup/worker-pool.service';
import { RoomManager } from '../../apps/media/src/room/room-manager.service';
import ar from '../../apps/web/src/i18n/locales/ar.json';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * A remote hearing end to end in Debian's Chromium with fake cameras and microphones: a judge
 * (signed in) and a witness (one-time link) on the real api, a real media node and a real
 * mediasoup worker. The witness waits and receives nothing; the judge admits them; each page then
 * decodes the other's video, as the browser's own WebRTC statistics show (framesDecoded rising
 * between two getStats() samples of the inbound video RTP).
 */

// Browser-side shapes touched in page.evaluate() callbacks (type-checked with Node's libs).
declare const window: { __ejHearing?: { consumers(): number; producers(): string[]; dropConnection(): void } };
declare const document: { documentElement: { dir: string }; activeElement: { closest(selector: string): unknown } | null };

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';
/** WebRTC ports of this suite's media node; other suites use other ranges. */
const RTC_PORT_BASE = 31010;

describe('a hearing room: the judge admits a waiting witness (Chromium, real media node)', () => {
  let web: HearingWebApp | undefined;

  beforeAll(async () => {
    web = await startWebApp({ media: { rtcPortBase: RTC_PORT_BASE }, pages: { viewport: { width: 1280, height: 860 }, testHooks: true } });
  });

  // Each test's pages go when it ends: four pages encoding and decoding video on two cores would
  // slow the next test down to timeouts.
  afterEach(async () => {
    await web?.closePages();
  });

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function newPage(locale: string): Promise<LocalePage> {
    if (!web) throw new Error('suite set-up failed');
    // The page's read-only test hooks (testHooks), and the recording of its RTCPeerConnections.
    const localePage = await web.newPage(locale);
    await recordPeerConnections(localePage.context);
    return localePage;
  }

  const consumers = (page: Page) => page.evaluate(() => window.__ejHearing?.consumers() ?? -1);

  interface Arranged {
    judge: TestUser;
    hearingId: string;
    hearingTitle: string;
    witnessId: string;
    linkToken: string;
  }

  /** A court, its judge, a trafficking case, today's hearing and a witness with a one-time link. */
  async function arrangeHearing(): Promise<Arranged> {
    if (!web) throw new Error('suite set-up failed');
    const court = await createCourt({ name: `Criminal Court ${uniqueSuffix()}` });
    const judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Amina Benali' });
    const trafficking = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      assignedJudgeId: judge.id,
    });
    const hearing = await createHearing({ caseId: trafficking.id, courtId: court.id, presidingJudgeId: judge.id, startInMinutes: 1 });
    const { rows } = await testDb().query('SELECT title FROM hearings WHERE id = $1', [hearing.id]);
    const witness = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Witness A' });
    const judgeToken = (await login(web.api.baseUrl, judge.email, judge.password)).accessToken;
    const link = await http(web.api.baseUrl, 'POST', `/api/hearings/${hearing.id}/participants/${witness.id}/links`, {
      token: judgeToken,
      body: {},
    });
    expect(link.status).toBe(201);
    return { judge, hearingId: hearing.id, hearingTitle: rows[0].title, witnessId: witness.id, linkToken: link.body.token };
  }

  /** On the hearing page: the device check, then into the room, then open the sitting. */
  async function judgeEntersAndOpens(page: Page): Promise<void> {
    await page.getByRole('button', { name: en.techCheck.start }).click();
    await page.getByRole('button', { name: en.room.enter }).click();
    await page.getByRole('complementary', { name: en.console.label }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: en.console.sitting.openHearing }).click();
    await page.getByText(en.hearingStatuses.open, { exact: true }).waitFor();
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

  /** The judge's button for an action on the witness, named as a screen reader names it. */
  function benchButton(page: Page, action: keyof typeof en.console.actionsFor) {
    return page.getByRole('button', { name: en.console.actionsFor[action].replace('{{name}}', 'Witness A (Witness)'), exact: true });
  }

  it('keeps the waiting witness in the dark, then each side decodes the other after admission', async () => {
    const { judge, hearingId, hearingTitle, linkToken, witnessId } = await arrangeHearing();

    // --- The judge signs in, checks their devices, enters the room and opens the sitting.
    const bench = await newPage('en-GB');
    await signIn(bench.page, judge);
    // From the home page's "Today's hearings", as a judge starts their day.
    const today = bench.page.getByRole('region', { name: en.sections.todaysHearings.title });
    await today.getByRole('row').filter({ hasText: hearingTitle }).waitFor();
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-home-today-en.png`, fullPage: true });
    await today.getByRole('link', { name: en.hearingsList.joinLabel.replace('{{title}}', hearingTitle) }).click();
    await bench.page.waitForURL((url) => url.pathname === `/hearings/${hearingId}`);
    await bench.page.getByText(hearingTitle).first().waitFor();
    await judgeEntersAndOpens(bench.page);

    // --- The witness opens their link, checks their devices and enters the waiting room.
    const witnessPage = await newPage('en-GB');
    await witnessWaits(witnessPage.page, linkToken);

    // The judge sees them waiting, by name, with an Admit button.
    const admit = benchButton(bench.page, 'admit');
    await admit.waitFor({ timeout: 15_000 });

    // While waiting, the witness is already sending (testimony starts at once on admission)…
    await witnessPage.page.waitForFunction(() => (window.__ejHearing?.producers() ?? []).length === 2, undefined, { timeout: 15_000 });
    // …but receives nothing: no consumer, no inbound RTP at all, and nobody's name.
    await witnessPage.page.waitForTimeout(2000);
    await expect(consumers(witnessPage.page)).resolves.toBe(0);
    const waitingStats = await peerConnectionStats(witnessPage.page);
    expect(waitingStats.connections).toBeGreaterThan(0);
    expect(waitingStats.inbound).toEqual([]);
    await expect(witnessPage.page.getByText(judge.displayName).count()).resolves.toBe(0);
    await witnessPage.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-waiting-room-en.png`, fullPage: true });
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-console-waiting-en.png`, fullPage: true });
    await witnessPage.page.getByLabel(en.language.label).selectOption('ar');
    await witnessPage.page.getByRole('heading', { level: 1, name: ar.room.waiting.title }).waitFor();
    await witnessPage.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-waiting-room-ar.png`, fullPage: true });
    await witnessPage.page.getByLabel(ar.language.label).selectOption('en');

    // --- The judge admits the witness.
    await admit.click();

    await witnessPage.page.getByText(en.room.announce.admitted).waitFor({ timeout: 15_000 });
    // The Admit button is gone with the waiting line; keyboard focus stays in the console.
    await bench.page.waitForFunction(() => (document.activeElement?.closest('aside') ?? null) !== null, undefined, { timeout: 5000 });
    await witnessPage.page.locator('[data-view="hearing-room"]').waitFor();
    // Each page decodes the other's camera: framesDecoded rises between two samples.
    const judgeSees = await waitForVideoDecoding(bench.page, { timeoutMs: 30_000 });
    const witnessSees = await waitForVideoDecoding(witnessPage.page, { timeoutMs: 30_000 });
    expect(judgeSees.second).toBeGreaterThan(judgeSees.first);
    expect(witnessSees.second).toBeGreaterThan(witnessSees.first);
    await expect(consumers(witnessPage.page)).resolves.toBeGreaterThanOrEqual(2);
    // The witness's tile on the judge's screen, and the judge's on the witness's.
    const witnessTile = bench.page.locator(`li.tile[data-participant-id="${witnessId}"] video`);
    await witnessTile.waitFor();
    // The judge's page told the media node how large it shows the witness's camera, in device
    // pixels, for the choice of simulcast layer.
    const room = web?.media.get(RoomManager).room(hearingId);
    const judgeId = room?.connectedParticipantIds().find((id) => id !== witnessId);
    const box = await witnessTile.boundingBox();
    const reported = async () => room?.peerMedia(judgeId ?? '')?.consumers.find((entry) => entry.source === 'camera')?.tile ?? null;
    const deadline = Date.now() + 10_000;
    while ((await reported()) === null && Date.now() < deadline) await bench.page.waitForTimeout(200);
    const tile = await reported();
    expect(box).not.toBeNull();
    expect(Math.abs((tile?.width ?? 0) - Math.round(box!.width))).toBeLessThanOrEqual(2);
    expect(Math.abs((tile?.height ?? 0) - Math.round(box!.height))).toBeLessThanOrEqual(2);
    await witnessPage.page.locator('li.tile[data-kind="camera"]:not(.tile--self) video').waitFor();

    await witnessPage.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-room-en.png`, fullPage: true });
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-console-en.png`, fullPage: true });
    for (const { page } of [witnessPage, bench]) {
      await page.getByLabel(en.language.label).selectOption('ar');
      await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    }
    await bench.page.getByRole('complementary', { name: ar.console.label }).waitFor();
    await witnessPage.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-room-ar.png`, fullPage: true });
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/hearing-console-ar.png`, fullPage: true });

    expect(bench.pageErrors).toEqual([]);
    expect(witnessPage.pageErrors).toEqual([]);
  }, 180_000);

  it('holds the microphone on the court’s word, and brings the muted witness back muted after a dropped connection', async () => {
    const { judge, hearingId, linkToken } = await arrangeHearing();
    const bench = await newPage('en-GB');
    await signIn(bench.page, judge);
    await bench.page.goto(`/hearings/${hearingId}`);
    await judgeEntersAndOpens(bench.page);
    const witnessPage = await newPage('en-GB');
    const witness = witnessPage.page;
    await witnessWaits(witness, linkToken);
    await benchButton(bench.page, 'admit').click();
    await witness.locator('[data-view="hearing-room"]').waitFor({ timeout: 15_000 });

    // Everyone but the judge comes in muted; the witness may unmute themselves.
    await witness.getByRole('button', { name: en.room.controls.unmute }).click();
    await witness.getByRole('button', { name: en.room.controls.mute, exact: true }).waitFor();
    const witnessRow = bench.page.locator('li.person', { hasText: 'Witness A' });
    await witnessRow.getByText(en.console.people.unmuted).waitFor();

    // The judge mutes them: the witness is told, and cannot unmute from their side.
    await benchButton(bench.page, 'mute').click();
    await witness.getByText(en.room.mutedByCourtNotice).waitFor();
    await witness.getByRole('alert').filter({ hasText: en.room.announce.mutedByCourt }).waitFor();
    const unmute = witness.getByRole('button', { name: en.room.controls.unmute });
    await expect(unmute.isDisabled()).resolves.toBe(true);
    await witnessRow.getByText(en.console.people.muted, { exact: true }).waitFor();
    await witness.screenshot({ path: `${SCREENSHOT_DIR}/hearing-room-muted-by-court-en.png`, fullPage: true });

    // The connection drops (as on a network change): the page says so, reconnects by itself and
    // rejoins; the picture flows again and the court's mute still holds.
    await waitForVideoDecoding(witness, { timeoutMs: 30_000 });
    await witness.evaluate(() => window.__ejHearing?.dropConnection());
    await witness.getByText(en.room.reconnecting).waitFor({ timeout: 10_000 });
    await witness.getByRole('status').filter({ hasText: en.room.announce.reconnected }).waitFor({ timeout: 30_000 });
    await expect(witness.getByText(en.room.reconnecting).count()).resolves.toBe(0);
    await waitForVideoDecoding(witness, { timeoutMs: 30_000 });
    await waitForVideoDecoding(bench.page, { timeoutMs: 30_000 });
    await witness.getByText(en.room.mutedByCourtNotice).waitFor();
    await expect(unmute.isDisabled()).resolves.toBe(true);

    // Only the court's own flow gives the floor back: asked to unmute, the witness can.
    await benchButton(bench.page, 'askUnmute').click();
    const request = witness.locator('.room__notice', { hasText: en.room.unmuteRequestedNotice });
    await request.waitFor();
    await witness.getByRole('alert').filter({ hasText: en.room.announce.unmuteRequested }).waitFor();
    await expect(unmute.last().isEnabled()).resolves.toBe(true);
    await request.getByRole('button', { name: en.room.controls.unmute }).click();
    await witness.getByRole('button', { name: en.room.controls.mute, exact: true }).waitFor();
    await witnessRow.getByText(en.console.people.unmuted).waitFor();

    expect(bench.pageErrors).toEqual([]);
    expect(witnessPage.pageErrors).toEqual([]);
  }, 180_000);

  it('rebuilds the media when the mediasoup worker is killed mid-hearing: pictures come back, the mute holds', async () => {
    if (!web) throw new Error('suite set-up failed');
    const { judge, hearingId, linkToken } = await arrangeHearing();
    const bench = await newPage('en-GB');
    await signIn(bench.page, judge);
    await bench.page.goto(`/hearings/${hearingId}`);
    await judgeEntersAndOpens(bench.page);
    const witnessPage = await newPage('en-GB');
    const witness = witnessPage.page;
    await witnessWaits(witness, linkToken);
    await benchButton(bench.page, 'admit').click();
    await witness.locator('[data-view="hearing-room"]').waitFor({ timeout: 15_000 });
    // Muted on arrival, the witness is held muted by the court: they cannot unmute.
    await benchButton(bench.page, 'holdMute').click();
    await witness.getByText(en.room.mutedByCourtNotice).waitFor();
    await waitForVideoDecoding(witness, { timeoutMs: 30_000 });
    await waitForVideoDecoding(bench.page, { timeoutMs: 30_000 });
    const before = await peerConnectionStats(witness);

    const [slot] = web.media.get(WorkerPool).live();
    expect(slot.worker.pid).toBeGreaterThan(0);
    process.kill(slot.worker.pid, 'SIGKILL');

    // The node rebuilds the room on a fresh worker and tells each page to set its media up again:
    // new transports (new RTCPeerConnections), and both sides decode each other once more.
    await witness.getByRole('status').filter({ hasText: en.room.announce.mediaReset }).waitFor({ timeout: 30_000 });
    await witness.waitForFunction(() => (window.__ejHearing?.consumers() ?? 0) >= 2, undefined, { timeout: 30_000 });
    const after = await peerConnectionStats(witness);
    expect(after.connections).toBeGreaterThan(before.connections);
    await waitForVideoDecoding(witness, { timeoutMs: 30_000 });
    await waitForVideoDecoding(bench.page, { timeoutMs: 30_000 });
    // The participant's state lives in the room, not in the worker: still muted by the court.
    await witness.getByText(en.room.mutedByCourtNotice).waitFor();
    await expect(witness.getByRole('button', { name: en.room.controls.unmute }).isDisabled()).resolves.toBe(true);
    await bench.page.locator('li.person', { hasText: 'Witness A' }).getByText(en.console.people.muted, { exact: true }).waitFor();

    expect(bench.pageErrors).toEqual([]);
    expect(witnessPage.pageErrors).toEqual([]);
  }, 180_000);
});
