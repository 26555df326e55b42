import { execFileSync } from 'node:child_process';
import type { ConsumerGrant } from '@ejustice/media-policy';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import {
  type HookConsumer,
  type ReceivedStream,
  describeStreams,
  flowing,
  hookConsumers,
  pictureSharpness,
  receivedStreams,
  useSmallCamera,
  waitForStreamFrom,
} from '@ejustice/testing/browser/hearing-media';
import { addressesIn, recordTraffic, socketIoEvents, textsContaining, type PageTraffic } from '@ejustice/testing/browser/page-traffic';
import { peerConnectionStats, recordPeerConnections } from '@ejustice/testing/browser/webrtc-stats';
import { startWebApp, type HearingWebApp } from '@ejustice/testing/browser/web-app';
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
import { PROTECTED_PSEUDONYM, PROTECTED_REAL_NAME } from '@ejustice/testing/media/hearing-room';
import type { Page } from 'playwright-core';
import { WorkerPool } from '../../apps/media/src/mediasoup/worker-pool.service';
import type { Room } from '../../apps/media/src/room/room';
import { RoomManager } from '../../apps/media/src/room/room-manager.service';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * A protected witness's testimony end to end, in five Debian Chromium pages with fake cameras and
 * microphones, on the real api, a real media node, a real mediasoup worker and the anonymiser's
 * real ffmpeg: the judge (signed in); the victim of a trafficking case under an anonymity order
 * (known as "Witness A", picture blurred) and screened from the defendant, with her supporter
 * beside her; the defendant; a member of the public in the gallery.
 *
 * What each person receives is read from their own browser: the inbound-rtp statistics of the
 * page's RTCPeerConnections, each stream tied to a participant by the page's read-only test hook
 * (which names the track each consumer plays into), and on the media node the consumers that
 * exist (`existingGrants()`, raw or anonymised). What each person is told is read from every
 * WebSocket frame and api response their page received.
 */

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '/tmp';
/** WebRTC ports of this suite's media node; other suites use other ranges. */
const RTC_PORT_BASE = 31030;
/** The media node's announced address: the only one a page may be told. */
const MEDIA_ADDRESS = '127.0.0.1';
/** Small cameras, so that five pages (four of them sending three simulcast layers) fit on two cores. */
const SMALL_CAMERA = { width: 640, height: 360, frameRate: 15 };
/**
 * Hers keeps the whole frame of Chromium's fake camera (640x480), with the running clock it draws
 * along the top: fine detail that her anonymised picture must not show, and that the judge's raw
 * picture does. Cropped to 16:9 the clock is cut off, and a flat green frame with one smooth
 * shape leaves a sharpness measure little to tell apart.
 */
const WITNESS_CAMERA = { width: 640, height: 480, frameRate: 15 };
/**
 * How long a change may take to show before the test calls it missing. Not a speed goal: a timed
 * assertion on a shared machine measures the neighbours. The times are printed here; the issue's
 * one-second goal (the screen lifted and made again on the defendant's page, the break alert on
 * the judge's) is measured in Chromium by the protection phase of the SFU benchmark,
 * `./ejustice bench sfu --protection 20` (bench/sfu/chromium-protection.ts), and how fast an order
 * change reaches every consumer under load by its order rounds (`--orders`).
 */
const SHOWS_WITHIN_MS = 10_000;

const SUPPORTER_NAME = 'Mona Real-Supporter';
const DEFENDANT_NAME = 'Karim Haddad';
const OBSERVER_NAME = 'Press reporter';

jest.setTimeout(180_000);

interface Person {
  readonly id: string;
  readonly page: Page;
  readonly opened: LocalePage;
  readonly traffic: PageTraffic;
}

/** Milliseconds from `since` until `condition` holds, polled every `pollMs`; null if not within `timeoutMs`. */
async function timeUntil(
  since: number,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  pollMs = 10,
): Promise<number | null> {
  const deadline = since + timeoutMs;
  while (Date.now() <= deadline) {
    if (await condition()) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return null;
}

describe('a protected witness testifies: four people, four different views (Chromium, real media node)', () => {
  let web: HearingWebApp | undefined;
  /** ffmpeg processes the anonymiser ran during the suite: none may outlive it. */
  const ffmpegPids = new Set<number>();
  /** Every raw producer the witness had (her camera and microphone, before and after the worker died). */
  const witnessRawProducers = new Set<string>();
  /** The defendant's frames from the screen's lifting to its return: the only ones that may offer her picture. */
  const unscreened = { fromFrame: -1, toFrame: -1 };

  let judgeUser: TestUser;
  let judgeToken: string;
  let hearingId: string;
  let screenOrderId: string;
  let judge: Person;
  let witness: Person;
  let supporter: Person;
  let defendant: Person;
  let observer: Person;

  function room(): Room {
    const r = web?.media.get(RoomManager).room(hearingId);
    if (!r) throw new Error('the media node has no room for the hearing');
    return r;
  }

  /** Notes what the room runs now (ffmpeg pids, her raw producers), for the checks at the end. */
  function takeNote(r: Room): void {
    for (const variant of r.anonymisedVariants()) if (variant.ffmpegPid !== undefined) ffmpegPids.add(variant.ffmpegPid);
    for (const entry of r.peerMedia(witness.id)?.producers ?? []) witnessRawProducers.add(entry.producer.id);
  }

  function grants(): ConsumerGrant[] {
    const r = room();
    takeNote(r);
    return r.existingGrants();
  }

  const grantsOf = (viewer: Person, source: Person, kind?: string) =>
    grants().filter((g) => g.viewerId === viewer.id && g.sourceId === source.id && (kind === undefined || g.kind === kind));

  /** The variant of the server-side consumer behind a consumer the page shows. */
  function variantOf(viewer: Person, consumerId: string): string | undefined {
    return room()
      .peerMedia(viewer.id)
      ?.consumers.find((c) => c.consumer.id === consumerId)?.grant.variant;
  }

  async function newPerson(id: string, camera = SMALL_CAMERA): Promise<Person> {
    if (!web) throw new Error('suite set-up failed');
    const opened = await web.newPage('en-GB');
    await recordPeerConnections(opened.context);
    await useSmallCamera(opened.context, camera);
    return { id, page: opened.page, opened, traffic: recordTraffic(opened.page) };
  }

  async function makeOrder(body: Record<string, unknown>): Promise<string> {
    if (!web) throw new Error('suite set-up failed');
    const res = await http(web.api.baseUrl, 'POST', `/api/hearings/${hearingId}/orders`, { token: judgeToken, body });
    if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  const screenFromDefendant = (victimId: string) => ({
    kind: 'screen',
    participantId: victimId,
    fromRoles: ['defendant'],
    fromParticipantIds: [],
    reason: 'The victim is afraid of the defendant.',
  });

  /** The one-time link page, the device check (unless in the gallery), the waiting room. */
  async function joinByLink(person: Person, token: string, options: { gallery?: boolean } = {}): Promise<void> {
    const { page } = person;
    await page.goto(`/join/${token}`);
    await page.getByRole('button', { name: en.join.welcome.start }).click();
    if (!options.gallery) {
      await page.getByRole('button', { name: en.techCheck.start }).click();
      await page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 30_000 });
    }
    await page.getByRole('button', { name: en.join.check.enter }).click();
    await page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
  }

  function admitButton(name: string) {
    return judge.page.getByRole('button', { name: en.console.actionsFor.admit.replace('{{name}}', name), exact: true });
  }

  const tileVideo = (person: Person) => `li.tile[data-participant-id="${person.id}"] video`;

  beforeAll(async () => {
    web = await startWebApp({ media: { rtcPortBase: RTC_PORT_BASE }, pages: { viewport: { width: 1100, height: 760 }, testHooks: true } });

    // --- A court, its judge, a trafficking case with a protected victim, today's hearing.
    const court = await createCourt({ name: `Criminal Court ${uniqueSuffix()}` });
    judgeUser = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Amina Benali' });
    const trafficking = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      assignedJudgeId: judgeUser.id,
      parties: [
        { partyRole: 'victim', fullName: PROTECTED_REAL_NAME, isProtected: true, pseudonym: PROTECTED_PSEUDONYM },
        { partyRole: 'defendant', fullName: DEFENDANT_NAME },
      ],
    });
    hearingId = (await createHearing({ caseId: trafficking.id, courtId: court.id, presidingJudgeId: judgeUser.id, startInMinutes: 1 })).id;
    const victimId = (
      await createParticipant({ hearingId, hearingRole: 'victim', partyId: trafficking.parties[0].id, displayName: PROTECTED_REAL_NAME })
    ).id;
    const supporterId = (await createParticipant({ hearingId, hearingRole: 'supporter', displayName: SUPPORTER_NAME })).id;
    const defendantId = (
      await createParticipant({ hearingId, hearingRole: 'defendant', partyId: trafficking.parties[1].id, displayName: DEFENDANT_NAME })
    ).id;
    const observerId = (await createParticipant({ hearingId, hearingRole: 'observer', displayName: OBSERVER_NAME })).id;

    // --- One-time links, and the orders, made over REST by the presiding judge before the sitting.
    judgeToken = (await login(web.api.baseUrl, judgeUser.email, judgeUser.password)).accessToken;
    const links: Record<string, string> = {};
    for (const id of [victimId, supporterId, defendantId, observerId]) {
      const res = await http(web.api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${id}/links`, {
        token: judgeToken,
        body: {},
      });
      if (res.status !== 201) throw new Error(`issuing a link failed: ${res.status} ${JSON.stringify(res.body)}`);
      links[id] = res.body.token;
    }
    await makeOrder({
      kind: 'anonymity',
      participantId: victimId,
      pseudonym: PROTECTED_PSEUDONYM,
      picture: 'blur',
      reason: 'Real risk of reprisals against the witness and her family.',
    });
    screenOrderId = await makeOrder(screenFromDefendant(victimId));
    await makeOrder({
      kind: 'supporter',
      participantId: victimId,
      supporterId,
      capacity: 'supporter',
      reason: 'She gives evidence with her support worker beside her.',
    });
    // The case is confidential: the press attends only with the presiding judge's leave.
    await makeOrder({
      kind: 'attendance',
      participantId: observerId,
      reason: 'The press may report the hearing under the anonymity order.',
    });

    // --- The judge signs in, checks their devices, enters the room and opens the sitting.
    judge = await newPerson('');
    await signIn(judge.page, judgeUser);
    await judge.page.goto(`/hearings/${hearingId}`);
    await judge.page.getByRole('button', { name: en.techCheck.start }).click();
    await judge.page.getByRole('button', { name: en.room.enter }).click();
    await judge.page.getByRole('complementary', { name: en.console.label }).waitFor({ timeout: 60_000 });
    await judge.page.getByRole('button', { name: en.console.sitting.openHearing }).click();
    await judge.page.getByText(en.hearingStatuses.open, { exact: true }).waitFor();
    const judgeId = room()
      .snapshotState()
      .participants.find((p) => p.role === 'judge')?.id;
    if (!judgeId) throw new Error('the judge is not in the room');
    judge = { ...judge, id: judgeId };

    // --- The others open their links and wait; the judge admits them (her supporter comes with her).
    witness = await newPerson(victimId, WITNESS_CAMERA);
    supporter = await newPerson(supporterId);
    defendant = await newPerson(defendantId);
    observer = await newPerson(observerId);
    await joinByLink(witness, links[victimId]);
    await joinByLink(supporter, links[supporterId]);
    await joinByLink(defendant, links[defendantId]);
    await joinByLink(observer, links[observerId], { gallery: true });
    for (const name of [`${PROTECTED_REAL_NAME} (Victim)`, `${DEFENDANT_NAME} (Defendant)`, `${OBSERVER_NAME} (Observer)`]) {
      await admitButton(name).click({ timeout: 30_000 });
    }
    for (const person of [witness, supporter, defendant, observer]) {
      await person.page.locator('[data-view="hearing-room"]').waitFor({ timeout: 30_000 });
    }
    // Everyone but the judge comes in muted: the witness unmutes to give her evidence.
    await witness.page.getByRole('button', { name: en.room.controls.unmute }).click();
    await witness.page.getByRole('button', { name: en.room.controls.mute, exact: true }).waitFor();
  }, 420_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  it('the defendant decodes the judge, receives her (anonymised) voice, and has no picture of her at all', async () => {
    await waitForStreamFrom(defendant.page, judge.id, 'video', { timeoutMs: 60_000 });
    const voice = await waitForStreamFrom(defendant.page, witness.id, 'audio', { timeoutMs: 60_000 });
    expect(voice.consumer && variantOf(defendant, voice.consumer.consumerId)).toBe('anonymised');

    const streams = await receivedStreams(defendant.page, 1500);
    // Every picture being decoded is someone's, and none is hers.
    const decoding = flowing(streams).filter((s) => s.kind === 'video');
    expect(decoding.map((s) => s.consumer?.participantId ?? 'unknown')).toEqual([judge.id]);
    expect(streams.filter((s) => s.kind === 'video' && s.consumer?.participantId === witness.id)).toEqual([]);
    const consumers = await hookConsumers(defendant.page);
    expect(consumers.filter((c) => c.participantId === witness.id).map((c) => c.source)).toEqual(['microphone']);
    // On the media node: no consumer of her camera for the defendant, raw or anonymised; her voice only anonymised.
    expect(grantsOf(defendant, witness, 'video')).toEqual([]);
    expect(grantsOf(defendant, witness).map((g) => `${g.kind}:${g.variant}`)).toEqual(['audio:anonymised']);
    // The supporter is seen and heard by the bench and the witness alone.
    expect(grantsOf(defendant, supporter)).toEqual([]);
    await expect(defendant.page.locator(tileVideo(witness)).count()).resolves.toBe(0);
    await defendant.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-defendant.png`, fullPage: true });
  });

  it('the gallery receives only her anonymised voice and picture: blurred, and named Witness A', async () => {
    const picture = await waitForStreamFrom(observer.page, witness.id, 'video', { timeoutMs: 60_000 });
    const voice = await waitForStreamFrom(observer.page, witness.id, 'audio', { timeoutMs: 30_000 });
    expect(picture.framesDelta).toBeGreaterThan(0);
    expect(voice.packetsDelta).toBeGreaterThan(0);
    // Every consumer the observer has of her is the anonymised variant, on the node and behind the page's tracks.
    const held = grantsOf(observer, witness);
    expect(held.map((g) => `${g.kind}:${g.variant}`).sort()).toEqual(['audio:anonymised', 'video:anonymised']);
    const onPage = (await hookConsumers(observer.page)).filter((c) => c.participantId === witness.id);
    expect(onPage.map((c) => variantOf(observer, c.consumerId))).toEqual(['anonymised', 'anonymised']);
    expect(grantsOf(observer, supporter)).toEqual([]);

    // Her tile says "Witness A (Witness)", and its picture is far less sharp than the judge's raw one.
    await expect(observer.page.locator(`li.tile[data-participant-id="${witness.id}"] .tile__label bdi`).innerText()).resolves.toBe(
      `${PROTECTED_PSEUDONYM} (Witness)`,
    );
    await waitForStreamFrom(judge.page, witness.id, 'video', { timeoutMs: 60_000 });
    const blurred = await pictureSharpness(observer.page, tileVideo(witness));
    const raw = await pictureSharpness(judge.page, tileVideo(witness));
    console.info(
      `sharpness (mean luma gradient energy at 320x180): gallery ${blurred.energy.toFixed(1)} (${blurred.videoWidth}x${blurred.videoHeight}),` +
        ` judge ${raw.energy.toFixed(1)} (${raw.videoWidth}x${raw.videoHeight})`,
    );
    expect(blurred.energy).toBeLessThan(0.3 * raw.energy);
    await observer.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-observer.png`, fullPage: true });
    await judge.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-judge.png`, fullPage: true });
  });

  it('the judge receives her raw, and decodes her picture', async () => {
    const picture = await waitForStreamFrom(judge.page, witness.id, 'video', { timeoutMs: 60_000 });
    expect(picture.consumer && variantOf(judge, picture.consumer.consumerId)).toBe('raw');
    const held = grantsOf(judge, witness);
    expect(held.map((g) => `${g.kind}:${g.variant}`).sort()).toEqual(['audio:raw', 'video:raw']);
    // Her real name and role, for the bench alone.
    await expect(judge.page.locator(`li.tile[data-participant-id="${witness.id}"] .tile__label bdi`).innerText()).resolves.toBe(
      `${PROTECTED_REAL_NAME} (Victim)`,
    );
  });

  it('lifting the screen gives the defendant her anonymised picture; screening again takes it away', async () => {
    if (!web) throw new Error('suite set-up failed');
    const api = web.api.baseUrl;
    const pageHasHerCamera = async () =>
      (await hookConsumers(defendant.page)).some((c) => c.participantId === witness.id && c.source === 'camera');

    // --- Lifted.
    unscreened.fromFrame = defendant.traffic.frames.length;
    const lifted = Date.now();
    const [revoke, grantAfter, pageAfter] = await Promise.all([
      http(api, 'POST', `/api/hearings/${hearingId}/orders/${screenOrderId}/revoke`, {
        token: judgeToken,
        body: { reason: 'The defendant has left the courtroom for this part of the evidence.' },
      }),
      timeUntil(lifted, () => grantsOf(defendant, witness, 'video').length > 0, SHOWS_WITHIN_MS),
      timeUntil(lifted, pageHasHerCamera, SHOWS_WITHIN_MS, 20),
    ]);
    expect(revoke.status).toBe(200);
    // The first frame of her picture the defendant's browser decodes.
    const found: { camera?: HookConsumer } = {};
    const firstFrame = await timeUntil(
      lifted,
      async () => {
        found.camera ??= (await hookConsumers(defendant.page)).find((c) => c.participantId === witness.id && c.source === 'camera');
        if (!found.camera) return false;
        const { inbound } = await peerConnectionStats(defendant.page);
        return inbound.some((s) => s.trackIdentifier === found.camera?.trackId && s.framesDecoded > 0);
      },
      20_000,
      20,
    );
    console.info(
      `screen lifted: node consumer after ${grantAfter} ms, page consumer after ${pageAfter} ms, first frame decoded after ${firstFrame} ms`,
    );
    expect(grantAfter).not.toBeNull();
    expect(pageAfter).not.toBeNull();
    expect(firstFrame).not.toBeNull();
    // Her picture, as the gallery sees it: still anonymised (the anonymity order holds).
    expect(grantsOf(defendant, witness, 'video').map((g) => g.variant)).toEqual(['anonymised']);
    expect(found.camera && variantOf(defendant, found.camera.consumerId)).toBe('anonymised');
    await waitForStreamFrom(defendant.page, witness.id, 'video', { timeoutMs: 30_000 });
    await defendant.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-defendant-unscreened.png`, fullPage: true });

    // --- Screened again.
    const screened = Date.now();
    const [order, grantGone, pageGone] = await Promise.all([
      makeOrder(screenFromDefendant(witness.id)),
      timeUntil(screened, () => grantsOf(defendant, witness, 'video').length === 0, SHOWS_WITHIN_MS),
      timeUntil(screened, async () => !(await pageHasHerCamera()), SHOWS_WITHIN_MS, 20),
    ]);
    screenOrderId = order;
    unscreened.toFrame = defendant.traffic.frames.length;
    console.info(`screen made again: node consumer gone after ${grantGone} ms, page consumer gone after ${pageGone} ms`);
    expect(grantGone).not.toBeNull();
    expect(pageGone).not.toBeNull();
    const after = await receivedStreams(defendant.page, 1500);
    expect(flowing(after).filter((s) => s.kind === 'video' && s.consumer?.participantId !== judge.id)).toEqual([]);
    // The others' views did not move: the gallery still anonymised, the judge still raw.
    expect(grantsOf(observer, witness).map((g) => g.variant)).toEqual(['anonymised', 'anonymised']);
    expect(grantsOf(judge, witness).map((g) => g.variant)).toEqual(['raw', 'raw']);
  });

  /** Frames and responses of the defendant's and the observer's pages: no name, no "victim", no address but the node's. */
  async function expectNothingDisclosed(): Promise<void> {
    for (const [who, person] of [
      ['defendant', defendant],
      ['observer', observer],
    ] as const) {
      const { frames, responses } = await person.traffic.settled();
      const texts = [...frames, ...responses];
      expect(frames.length).toBeGreaterThan(10);
      expect({ who, realName: textsContaining(texts, PROTECTED_REAL_NAME) }).toEqual({ who, realName: [] });
      expect({ who, victim: textsContaining(texts, '"victim"') }).toEqual({ who, victim: [] });
      expect({ who, supporterName: textsContaining(texts, SUPPORTER_NAME) }).toEqual({ who, supporterName: [] });
      expect({ who, addresses: addressesIn(texts) }).toEqual({ who, addresses: [MEDIA_ADDRESS] });
      // She is known to them by her pseudonym, and they were told it.
      expect(textsContaining(frames, PROTECTED_PSEUDONYM).length).toBeGreaterThan(0);

      // Every consumer of hers ever offered to them (each `newConsumer` frame, however briefly the
      // consumer lived): never one of her raw producers; her picture to the defendant only while unscreened.
      const offers = socketIoEvents(frames).flatMap(({ index, event, data }) => {
        const n = data as { method?: string; data?: { participantId?: string; producerId?: string; source?: string } } | undefined;
        return event === 'notification' && n?.method === 'newConsumer' && n.data?.participantId === witness.id
          ? [{ index, producerId: n.data.producerId ?? '', source: n.data.source ?? '' }]
          : [];
      });
      console.info(`${who}: ${frames.length} frames, ${responses.length} api responses, ${offers.length} consumers of hers offered`);
      expect(offers.length).toBeGreaterThan(0);
      expect(witnessRawProducers.size).toBeGreaterThan(0);
      expect({ who, raw: offers.filter((o) => witnessRawProducers.has(o.producerId)) }).toEqual({ who, raw: [] });
      if (person === defendant) {
        const pictures = offers.filter((o) => o.source === 'camera');
        expect(pictures.filter((o) => o.index < unscreened.fromFrame || o.index >= unscreened.toFrame)).toEqual([]);
      }
    }
  }

  it('no frame the defendant or the gallery received holds her name, her being the victim, or anyone’s address but the media node’s', async () => {
    await expectNothingDisclosed();
  });

  it('"I need a break" reaches the judge, naming her, and nobody else', async () => {
    const alert = judge.page.locator(`li.break-request[data-participant-id="${witness.id}"]`);
    const pressed = Date.now();
    const shown = alert.waitFor({ timeout: SHOWS_WITHIN_MS }).then(() => Date.now() - pressed);
    await witness.page.getByRole('button', { name: en.room.break.button, exact: true }).click();
    const ms = await shown;
    console.info(`break request: alert on the judge's page ${ms} ms after the press`);
    await expect(alert.innerText()).resolves.toContain(PROTECTED_REAL_NAME);
    await witness.page.getByText(en.room.break.told).first().waitFor();
    await judge.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-judge-break.png`, fullPage: true });

    // Anything sent to the others with it would have arrived by now (twice what the judge's took).
    await judge.page.waitForTimeout(Math.max(1500, 2 * ms));
    const needsABreak = en.room.announce.breakRequested.replace('{{who}} ', '');
    for (const person of [supporter, defendant, observer]) {
      await expect(person.page.locator('.break-requests, .break-request').count()).resolves.toBe(0);
      await expect(person.page.getByText(needsABreak).count()).resolves.toBe(0);
      await expect(person.page.getByText(en.room.break.told).count()).resolves.toBe(0);
      expect(textsContaining(person.traffic.frames, 'breakRequested')).toEqual([]);
    }
    // The scan can see it: the judge's socket carried it, once; hers only the answer to her request.
    expect(textsContaining(judge.traffic.frames, 'breakRequested')).toHaveLength(1);
    expect(textsContaining(witness.traffic.frames, 'breakRequested')).toEqual([]);
    await judge.page
      .getByRole('button', { name: en.console.breaks.dismissFor.replace('{{name}}', `${PROTECTED_REAL_NAME} (Victim)`) })
      .click();
    await alert.waitFor({ state: 'detached' });
  });

  it('the mediasoup worker killed during her testimony: media comes back, and every order holds throughout', async () => {
    if (!web) throw new Error('suite set-up failed');
    const ordersBefore = room()
      .snapshotState()
      .orders.map((o) => o.kind)
      .sort();
    expect(ordersBefore).toEqual(['anonymity', 'screen', 'supporter']);

    // Every 50 ms on the node, and every few hundred on the defendant's page: what nobody may receive.
    const violations: string[] = [];
    const seen = { samples: 0, pageSamples: 0 };
    const check = () => {
      const r = web?.media.get(RoomManager).room(hearingId);
      if (!r) return;
      takeNote(r);
      seen.samples++;
      for (const g of r.existingGrants()) {
        const line = `${g.viewerId.slice(0, 8)} <- ${g.sourceId.slice(0, 8)} ${g.kind}:${g.variant}`;
        if (g.sourceId === witness.id && g.variant === 'raw' && g.viewerId !== judge.id) violations.push(`raw media of her: ${line}`);
        if (g.sourceId === witness.id && g.viewerId === defendant.id && g.kind === 'video')
          violations.push(`her picture to the defendant: ${line}`);
        if (g.sourceId === supporter.id && g.viewerId !== judge.id && g.viewerId !== witness.id)
          violations.push(`the supporter to: ${line}`);
      }
    };
    const monitor = setInterval(check, 50);
    let watching = true;
    const pageWatch = (async () => {
      while (watching) {
        const consumers = await hookConsumers(defendant.page).catch(() => []);
        seen.pageSamples++;
        if (consumers.some((c) => c.participantId === witness.id && c.source === 'camera'))
          violations.push('the defendant’s page shows a consumer of her camera');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    try {
      const r = room();
      const slot = web.media.get(WorkerPool).slot(r.workerIndex);
      expect(slot?.worker.pid).toBeGreaterThan(0);
      const killed = Date.now();
      process.kill(slot!.worker.pid, 'SIGKILL');

      await witness.page.getByRole('status').filter({ hasText: en.room.announce.mediaReset }).waitFor({ timeout: 30_000 });
      // Media back: the judge decodes her again (raw), the gallery her anonymised picture and voice,
      // the defendant the judge and her voice.
      const judgeSees = await waitForStreamFrom(judge.page, witness.id, 'video', { timeoutMs: 90_000 });
      const galleryPicture = await waitForStreamFrom(observer.page, witness.id, 'video', { timeoutMs: 90_000 });
      const galleryVoice = await waitForStreamFrom(observer.page, witness.id, 'audio', { timeoutMs: 30_000 });
      await waitForStreamFrom(defendant.page, judge.id, 'video', { timeoutMs: 60_000 });
      const defendantHears = await waitForStreamFrom(defendant.page, witness.id, 'audio', { timeoutMs: 30_000 });
      console.info(`worker killed: media back on every page ${Date.now() - killed} ms later`);

      expect(judgeSees.consumer && variantOf(judge, judgeSees.consumer.consumerId)).toBe('raw');
      expect(galleryPicture.consumer && variantOf(observer, galleryPicture.consumer.consumerId)).toBe('anonymised');
      expect(galleryVoice.consumer && variantOf(observer, galleryVoice.consumer.consumerId)).toBe('anonymised');
      expect(defendantHears.consumer && variantOf(defendant, defendantHears.consumer.consumerId)).toBe('anonymised');
      // A few more seconds of watching, the pages settled.
      await judge.page.waitForTimeout(3000);
    } finally {
      clearInterval(monitor);
      watching = false;
      await pageWatch;
    }
    console.info(`recovery watched: ${seen.samples} node samples, ${seen.pageSamples} defendant page samples`);
    expect(seen.samples).toBeGreaterThan(20);
    expect([...new Set(violations)]).toEqual([]);

    // After: the orders as they were, the defendant still without her picture, the gallery's still blurred.
    expect(
      room()
        .snapshotState()
        .orders.map((o) => o.kind)
        .sort(),
    ).toEqual(ordersBefore);
    const defendantStreams: ReceivedStream[] = await receivedStreams(defendant.page, 1500);
    expect(describeStreams(flowing(defendantStreams).filter((s) => s.kind === 'video' && s.consumer?.participantId !== judge.id))).toBe('');
    expect(grantsOf(observer, witness).map((g) => g.variant)).toEqual(['anonymised', 'anonymised']);
    const blurred = await pictureSharpness(observer.page, tileVideo(witness));
    const raw = await pictureSharpness(judge.page, tileVideo(witness));
    console.info(`sharpness after the recovery: gallery ${blurred.energy.toFixed(1)}, judge ${raw.energy.toFixed(1)}`);
    expect(blurred.energy).toBeLessThan(0.3 * raw.energy);
    await expect(observer.page.locator(`li.tile[data-participant-id="${witness.id}"] .tile__label bdi`).innerText()).resolves.toBe(
      `${PROTECTED_PSEUDONYM} (Witness)`,
    );
    await observer.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-observer-recovered.png`, fullPage: true });
    await judge.page.screenshot({ path: `${SCREENSHOT_DIR}/protected-witness-judge-recovered.png`, fullPage: true });
    await expectNothingDisclosed();
    for (const person of [judge, witness, supporter, defendant, observer]) expect(person.opened.pageErrors).toEqual([]);
  }, 300_000);

  it('leaves no Chromium, ffmpeg or worker process behind', async () => {
    // Closed here, to check what closing leaves behind (afterAll's close() then does nothing).
    await web?.close();
    expect(ffmpegPids.size).toBeGreaterThan(0);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const remaining = await timeUntil(Date.now(), () => [...ffmpegPids].every((pid) => !alive(pid)), 10_000, 100);
    expect([...ffmpegPids].filter(alive)).toEqual([]);
    expect(remaining).not.toBeNull();
    // Children of this process: Chromium and ffmpeg ran as such, and the mediasoup worker. A
    // closed worker exits on its own time after being told to: allow it a few seconds.
    const children = (): string[] => {
      let listed = '';
      try {
        listed = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
      } catch {
        // ps exits with 1 when the process has no children at all.
      }
      return listed
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /chrom|ffmpeg|mediasoup/i.test(line));
    };
    await timeUntil(Date.now(), () => children().length === 0, 10_000, 100);
    expect(children()).toEqual([]);
  });
});
