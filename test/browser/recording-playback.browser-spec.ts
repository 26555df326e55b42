import type { HearingRecordingsView } from '@ejustice/recording/contract/recording-contract';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import {
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createUser,
  uniqueSuffix,
  type TestUser,
} from '@ejustice/testing/factories';
import { http, login } from '@ejustice/testing/http-client';
import type { Locator, Page } from 'playwright-core';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * The playback page of the court's recording (issue 9), in Debian's Chromium on the real api, a
 * real media node, a real mediasoup worker and real ffmpeg: the judge records a short sitting with
 * a witness in the room, stops, and opens the hearing's recordings from the console: one lane per
 * participant, named as the judge knows them, a track per source with its segments; a segment
 * plays from the bytes the api serves; "Verify" re-hashes every segment against the audit chain.
 * The court's clerk sees the same page; counsel listed in the hearing is refused in words.
 */

// Browser-side shapes touched in page.evaluate() callbacks (type-checked with Node's libs).
declare const document: { querySelector(selector: string): { readyState: number; duration: number } | null };

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';
/** WebRTC ports of this suite's media node; other suites use other ranges. */
const RTC_PORT_BASE = 31190;
/** Short segments, so a few seconds of sitting give each track several to list and play. */
const SEGMENT_SECONDS = 2;
/** HTMLMediaElement.HAVE_CURRENT_DATA: the element has decoded its first frame ('loadeddata'). */
const HAVE_CURRENT_DATA = 2;

describe('the playback page of the recording (Chromium, real media node)', () => {
  let web: WebApp | undefined;

  beforeAll(async () => {
    web = await startWebApp({
      media: { rtcPortBase: RTC_PORT_BASE },
      env: { MEDIA_RECORDING_SEGMENT_SECONDS: String(SEGMENT_SECONDS) },
      pages: { viewport: { width: 1280, height: 860 }, testHooks: true },
    });
  });

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  async function newPage(): Promise<LocalePage> {
    if (!web) throw new Error('suite set-up failed');
    return web.newPage('en-GB');
  }

  /** The judge's view of the recordings, from the api, once every track has ended and holds a segment. */
  async function finishedRecordings(judge: TestUser, hearingId: string): Promise<HearingRecordingsView> {
    if (!web) throw new Error('suite set-up failed');
    const token = (await login(web.api.baseUrl, judge.email, judge.password)).accessToken;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await http<HearingRecordingsView>(web.api.baseUrl, 'GET', `/api/hearings/${hearingId}/recordings`, { token });
      expect(answer.status).toBe(200);
      const view = answer.body;
      const tracks = view.recordings.flatMap((recording) => recording.tracks);
      if (tracks.length > 0 && tracks.every((track) => track.endedAt !== null && track.segments.length > 0)) return view;
      if (Date.now() > deadline) throw new Error(`the recording's tracks did not all end with segments: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** A lane of the timeline, by the name (and role) it is headed with. */
  const lane = (page: Page, name: string, role: string): Locator =>
    page.locator('.timeline__lane').filter({ has: page.getByRole('heading', { level: 3, name: `${name} ${role}`, exact: true }) });

  it('shows the judge and the clerk the tracks and segments, plays one, verifies the record, and refuses counsel', async () => {
    if (!web) throw new Error('suite set-up failed');
    const court = await createCourt({ name: `Criminal Court ${uniqueSuffix()}`, language: 'en' });
    const judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Amina Benali' });
    const clerk = await createUser({ roles: ['clerk'], courtId: court.id, displayName: 'Clerk Jonas Weber' });
    const counsel = await createUser({ roles: ['counsel'], courtId: court.id, displayName: 'Counsel Lea Moreau' });
    const trafficking = await createCase({ courtId: court.id, caseType: 'trafficking', assignedJudgeId: judge.id });
    const hearing = await createHearing({ caseId: trafficking.id, courtId: court.id, presidingJudgeId: judge.id, startInMinutes: 1 });
    await createParticipant({
      hearingId: hearing.id,
      hearingRole: 'defence_counsel',
      userId: counsel.id,
      displayName: counsel.displayName,
    });
    const witnessSeat = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Witness A' });
    const judgeToken = (await login(web.api.baseUrl, judge.email, judge.password)).accessToken;
    const link = await http(web.api.baseUrl, 'POST', `/api/hearings/${hearing.id}/participants/${witnessSeat.id}/links`, {
      token: judgeToken,
      body: {},
    });
    expect(link.status).toBe(201);

    // --- The judge opens the sitting; the witness is admitted and speaks.
    const bench = await newPage();
    await signIn(bench.page, judge);
    await bench.page.goto(`/hearings/${hearing.id}`);
    await bench.page.getByRole('button', { name: en.techCheck.start }).click();
    await bench.page.getByRole('button', { name: en.room.enter }).click();
    const consolePanel = bench.page.getByRole('complementary', { name: en.console.label });
    await consolePanel.waitFor({ timeout: 60_000 });
    await bench.page.getByRole('button', { name: en.console.sitting.openHearing }).click();
    await bench.page.getByText(en.hearingStatuses.open, { exact: true }).waitFor();

    const witness = await newPage();
    await witness.page.goto(`/join/${link.body.token as string}`);
    await witness.page.getByRole('button', { name: en.join.welcome.start }).click();
    await witness.page.getByRole('button', { name: en.techCheck.start }).click();
    await witness.page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 15_000 });
    await witness.page.getByRole('button', { name: en.join.check.enter }).click();
    await witness.page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
    await bench.page
      .getByRole('button', { name: en.console.actionsFor.admit.replace('{{name}}', 'Witness A (Witness)'), exact: true })
      .click();
    await witness.page.locator('[data-view="hearing-room"]').waitFor({ timeout: 15_000 });
    await witness.page.getByRole('button', { name: en.room.controls.unmute }).click();
    await witness.page.getByRole('button', { name: en.room.controls.mute, exact: true }).waitFor();

    // --- The judge records two segments' worth, pauses, resumes for two more, then stops (asked first).
    // By its state, not its words: "Recording" is also in "Recording paused".
    const indicator = (state: 'running' | 'paused') => bench.page.locator(`.room__badges .recording-indicator[data-recording="${state}"]`);
    await consolePanel.getByRole('button', { name: en.console.recording.startRecording, exact: true }).click();
    await indicator('running').waitFor({ timeout: 15_000 });
    await bench.page.waitForTimeout(2 * SEGMENT_SECONDS * 1000);
    await consolePanel.getByRole('button', { name: en.console.recording.pauseRecording, exact: true }).click();
    await indicator('paused').waitFor({ timeout: 15_000 });
    await consolePanel.getByRole('button', { name: en.console.recording.resumeRecording, exact: true }).click();
    await indicator('running').waitFor({ timeout: 15_000 });
    await bench.page.waitForTimeout(2 * SEGMENT_SECONDS * 1000);
    await consolePanel.getByRole('button', { name: en.console.recording.stopRecording, exact: true }).click();
    await bench.page.getByRole('dialog').getByRole('button', { name: en.console.recording.stopRecording, exact: true }).click();
    await consolePanel.getByRole('button', { name: en.console.recording.startRecording, exact: true }).waitFor({ timeout: 15_000 });
    const view = await finishedRecordings(judge, hearing.id);
    expect(view.recordings).toHaveLength(1);
    const tracks = view.recordings[0]!.tracks;
    const segmentCount = tracks.reduce((sum, track) => sum + track.segments.length, 0);

    // --- The judge opens the recordings from the console's link.
    const playback = consolePanel.getByRole('link', { name: en.console.recording.playback, exact: true });
    await expect(playback.getAttribute('href')).resolves.toBe(`/hearings/${hearing.id}/recordings`);
    await bench.page.goto(`/hearings/${hearing.id}/recordings`);
    const recording = bench.page.locator(`[data-recording-id="${view.recordings[0]!.id}"]`);
    await recording.waitFor({ timeout: 15_000 });
    await recording.getByText(en.recordings.status.stopped, { exact: true }).waitFor();

    // One lane per participant, headed by the name the judge knows and the role; its tracks by source, each with its segments.
    await expect(bench.page.locator('.timeline__lane').count()).resolves.toBe(new Set(tracks.map((track) => track.participantId)).size);
    for (const [name, role] of [
      ['Judge Amina Benali', en.hearingRoles.judge],
      ['Witness A', en.hearingRoles.witness],
    ] as const) {
      const participantTracks = tracks.filter((track) => track.participantName === name);
      // A microphone and a camera each (Chromium's fake devices); the pause ended every track and the resumption started another.
      expect(participantTracks.map((track) => `${track.source}/${track.kind}`).sort()).toEqual([
        'camera/video',
        'camera/video',
        'microphone/audio',
        'microphone/audio',
      ]);
      const row = lane(bench.page, name, role);
      for (const source of ['microphone', 'camera'] as const) {
        const ofSource = participantTracks.filter((track) => track.source === source);
        const listed = row.locator('.timeline__tracks > li').filter({ hasText: `${en.recordings.source[source]}: ` });
        await expect(listed.count()).resolves.toBe(ofSource.length);
        for (const [index, track] of ofSource.entries()) {
          await expect(listed.nth(index).locator('.timeline__segments button').count()).resolves.toBe(track.segments.length);
        }
      }
    }
    // Each segment's button says which one it plays, in words that differ from every other's and
    // contain what it shows (a person using speech input says what they see).
    const segmentButtons = bench.page.locator('.timeline__segments button');
    await expect(segmentButtons.count()).resolves.toBe(segmentCount);
    const shown = await segmentButtons.allTextContents();
    const names: string[] = [];
    for (let index = 0; index < segmentCount; index++) names.push((await segmentButtons.nth(index).getAttribute('aria-label')) ?? '');
    expect(new Set(names).size).toBe(segmentCount);
    names.forEach((label, index) => expect(label.toLowerCase()).toContain(shown[index]!.toLowerCase()));
    // Two seconds' segments: more than one for the judge's microphone over the sitting.
    const judgeMicrophone = tracks.filter((track) => track.participantName === 'Judge Amina Benali' && track.source === 'microphone');
    expect(judgeMicrophone.flatMap((track) => track.segments).length).toBeGreaterThan(1);
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/recording-playback-en.png`, fullPage: true });

    // --- The judge plays the witness's first microphone segment, then the judge's first camera segment.
    for (const [name, role, source] of [
      ['Witness A', en.hearingRoles.witness, 'microphone'],
      ['Judge Amina Benali', en.hearingRoles.judge, 'camera'],
    ] as const) {
      await lane(bench.page, name, role)
        .locator('.timeline__tracks > li')
        .filter({ hasText: `${en.recordings.source[source]}: ` })
        .first()
        .locator('.timeline__segments button')
        .first()
        .click();
      await bench.page.locator('.recordings__player figcaption').filter({ hasText: name }).waitFor();
      const element = source === 'camera' ? '.recordings__player video' : '.recordings__player audio';
      await bench.page.locator(element).waitFor({ timeout: 15_000 });
      await bench.page.waitForFunction(
        ({ selector, ready }) => {
          const media = document.querySelector(selector);
          return media !== null && media.readyState >= ready && media.duration > 0;
        },
        { selector: element, ready: HAVE_CURRENT_DATA },
        { timeout: 15_000 },
      );
      await bench.page.getByRole('button', { name: en.recordings.closePlayer }).click();
      await bench.page.locator('.recordings__player').waitFor({ state: 'detached' });
    }

    // --- Verify: every segment re-hashed and checked against the audit chain.
    await bench.page.getByRole('button', { name: en.recordings.verify.run }).click();
    const verified = bench.page.locator('[data-verification="ok"]');
    await verified.waitFor({ timeout: 30_000 });
    await expect(verified.textContent()).resolves.toContain(`${segmentCount} segments checked`);
    await bench.page.screenshot({ path: `${SCREENSHOT_DIR}/recording-playback-verified-en.png`, fullPage: true });

    // --- The court's clerk sees the same recording, lanes and segments, plays one and verifies.
    const registry = await newPage();
    await signIn(registry.page, clerk);
    await registry.page.goto(`/hearings/${hearing.id}/recordings`);
    await registry.page.locator(`[data-recording-id="${view.recordings[0]!.id}"]`).waitFor({ timeout: 15_000 });
    await lane(registry.page, 'Judge Amina Benali', en.hearingRoles.judge).waitFor();
    await lane(registry.page, 'Witness A', en.hearingRoles.witness).waitFor();
    await expect(registry.page.locator('.timeline__segments button').count()).resolves.toBe(segmentCount);
    await registry.page.locator('.timeline__segments button').first().click();
    await registry.page.waitForFunction(
      (ready) => {
        const media = document.querySelector('.recordings__player audio, .recordings__player video');
        return media !== null && media.readyState >= ready && media.duration > 0;
      },
      HAVE_CURRENT_DATA,
      { timeout: 15_000 },
    );
    await registry.page.getByRole('button', { name: en.recordings.verify.run }).click();
    await registry.page.locator('[data-verification="ok"]').waitFor({ timeout: 30_000 });

    // --- Counsel, listed in the hearing, is told in words that recordings are not for them.
    const defence = await newPage();
    await signIn(defence.page, counsel);
    await defence.page.goto(`/hearings/${hearing.id}/recordings`);
    await defence.page.getByRole('alert').filter({ hasText: en.recordings.forbidden }).waitFor({ timeout: 15_000 });
    await expect(defence.page.locator('.timeline__lane').count()).resolves.toBe(0);
    await expect(defence.page.getByRole('button', { name: en.recordings.verify.run }).count()).resolves.toBe(0);
    await defence.page.screenshot({ path: `${SCREENSHOT_DIR}/recording-playback-refused-en.png`, fullPage: true });

    for (const { pageErrors } of [bench, witness, registry, defence]) expect(pageErrors).toEqual([]);
  }, 300_000);
});
