import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { NewConsumer } from '@ejustice/hearings/signalling/signalling-messages';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { useSmallCamera, waitForStreamFrom } from '@ejustice/testing/browser/hearing-media';
import { recordTraffic, socketIoEvents, type PageTraffic } from '@ejustice/testing/browser/page-traffic';
import { recordPeerConnections, waitForVideoDecoding } from '@ejustice/testing/browser/webrtc-stats';
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
import { participantState } from '@ejustice/testing/media/hearing-room';
import { ROOT_DIR, TEST_REDIS_URL, testEnv } from '@ejustice/testing/test-env';
import type { Page } from 'playwright-core';
import { MediaNodeProcess } from '../../bench/failover/media-node-process';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * A media node dies mid-hearing (issue 14, point 2), with the real web client in Debian's
 * Chromium: the real api and two real media nodes of one pool, each a child process as production
 * runs it (dist/apps/media/src/main.js), so one can be SIGKILLed. A judge (signed in), a witness
 * (one-time link) and a member of the press in the gallery, from whom the witness is screened.
 * The node carrying the hearing is killed; nobody reloads or clicks anything. Each page must
 * follow the hearing by itself, through the api, to the other node; the witness stays admitted and
 * held muted by the court; pictures decode again on every page; and the gallery is never offered
 * the witness's picture, on either node, before, during or after the move.
 */

// Browser-side shapes touched in page.evaluate() callbacks (type-checked with Node's libs).
interface StatsEntry {
  type: string;
  kind?: string;
  framesDecoded?: number;
}
declare const window: {
  __ejHearing?: { producers(): string[] };
  __ejPeerConnections?: { connectionState: string; getStats(): Promise<{ forEach(cb: (entry: StatsEntry) => void): void }> }[];
  __ejBeforeFailover?: string;
};

const MEDIA_MAIN = path.resolve(__dirname, '../../dist/apps/media/src/main.js');
/** WebRTC ports of this suite's two nodes (one worker each); other suites use other ranges. */
const RTC_PORT_BASE_A = 31210;
const RTC_PORT_BASE_B = 31220;
/** Small cameras: three pages, two of them encoding simulcast, beside two nodes on two cores. */
const SMALL_CAMERA = { width: 640, height: 360, frameRate: 15 };
/**
 * From the SIGKILL to pictures decoding again on a page, at most: the goal, 5 s. Measured
 * here on a loaded two-core machine (Chromium's three pages, two media nodes and the api sharing
 * it): 1.1-1.8 s over six runs (each run prints its figures). A client that noticed the death
 * only by the signalling ping (10 s timeout in the tests) or was sent back to the dead node would
 * miss it by far.
 */
const RECOVERY_BOUND_MS = 5_000;

jest.setTimeout(300_000);

interface Person {
  readonly opened: LocalePage;
  readonly page: Page;
  readonly traffic: PageTraffic;
  /** URLs of the signalling WebSockets the page opened, in order. */
  readonly sockets: string[];
}

describe('a media node dies during a hearing: the real web client follows it to the other node (Chromium)', () => {
  const pool = `browser-failover-${uniqueSuffix()}`;
  const logDir = path.join(ROOT_DIR, 'var');
  let redis: Redis | undefined;
  let nodeA: MediaNodeProcess | undefined;
  let nodeB: MediaNodeProcess | undefined;
  let web: WebApp | undefined;

  function startNode(name: string, rtcPortBase: number): Promise<MediaNodeProcess> {
    return MediaNodeProcess.start({
      root: ROOT_DIR,
      env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', MEDIA_HEARTBEAT_MS: '1000' }) },
      nodeId: `${pool}-${name}`,
      pool,
      rtcPortBase,
      log: path.join(logDir, `${pool}-${name}.log`),
    });
  }

  beforeAll(async () => {
    if (!existsSync(MEDIA_MAIN)) throw new Error(`${MEDIA_MAIN} is missing: build first (./ejustice build)`);
    mkdirSync(logDir, { recursive: true });
    redis = new Redis(TEST_REDIS_URL);
    // Node A alone at first: the hearing is placed on it.
    nodeA = await startNode('a', RTC_PORT_BASE_A);
    web = await startWebApp({
      env: { MEDIA_POOL: pool, MEDIA_HEARTBEAT_MS: '1000' },
      pages: { viewport: { width: 1280, height: 860 }, testHooks: true },
    });
  });

  afterAll(async () => {
    await web?.close();
    await nodeA?.stop();
    await nodeB?.stop();
    redis?.disconnect();
    await closeTestDb();
  });

  async function newPerson(options: { camera: boolean }): Promise<Person> {
    if (!web) throw new Error('suite set-up failed');
    const opened = await web.newPage('en-GB');
    await recordPeerConnections(opened.context);
    if (options.camera) await useSmallCamera(opened.context, SMALL_CAMERA);
    const sockets: string[] = [];
    opened.page.on('websocket', (socket) => sockets.push(socket.url()));
    return { opened, page: opened.page, traffic: recordTraffic(opened.page), sockets };
  }

  let hearingId = '';
  /** The node the api's directory in Redis says carries the hearing. */
  const carrier = () => redis?.get(`ejustice:media:${pool}:hearing:${hearingId}`);

  /** Video frames decoded by the page's peer connections created from `fromIndex` on. */
  function framesDecodedSince(page: Page, fromIndex: number): Promise<number> {
    return page.evaluate(async (from) => {
      let frames = 0;
      for (const connection of (window.__ejPeerConnections ?? []).slice(from)) {
        if (connection.connectionState === 'closed') continue;
        const report = await connection.getStats();
        report.forEach((entry) => {
          if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
        });
      }
      return frames;
    }, fromIndex);
  }

  const connectionsCreated = (page: Page) => page.evaluate(() => (window.__ejPeerConnections ?? []).length);

  /**
   * Milliseconds from `since` until the page decodes video on a peer connection it opened after
   * the kill (framesDecoded rising between two samples 250 ms apart): frames left in a jitter
   * buffer of the dead node's connection do not count.
   */
  async function decodingAgainAfter(page: Page, fromIndex: number, since: number): Promise<number> {
    const deadline = since + 60_000;
    let last = 0;
    while (Date.now() < deadline) {
      const first = await framesDecodedSince(page, fromIndex);
      await page.waitForTimeout(250);
      last = await framesDecodedSince(page, fromIndex);
      if (first > 0 && last > first) return Date.now() - since;
    }
    throw new Error(`no video decoded on a new connection within 60 s of the kill (frames: ${last})`);
  }

  /** Every `newConsumer` the page was sent, from its WebSocket frames. */
  function offered(person: Person): NewConsumer[] {
    return socketIoEvents(person.traffic.frames)
      .filter((e) => e.event === 'notification')
      .map((e) => e.data as { method?: string; data?: NewConsumer })
      .filter((n) => n.method === 'newConsumer' && n.data)
      .map((n) => n.data as NewConsumer);
  }

  /** The join tickets the api gave the page, in order. */
  async function tickets(person: Person): Promise<{ nodeId: string; participantId: string }[]> {
    const { responses } = await person.traffic.settled();
    return responses
      .filter((r) => /^POST \/api\/hearings\/[^/]+\/join-ticket 20\d\n/.test(r))
      .map((r) => JSON.parse(r.slice(r.indexOf('\n') + 1)) as { nodeId: string; participantId: string });
  }

  it('each page reconnects by itself to the other node; admission, the court’s mute and the screen hold; pictures return', async () => {
    if (!web || !nodeA) throw new Error('suite set-up failed');
    const baseUrl = web.api.baseUrl;
    // --- A confidential trafficking case; the witness screened from the press in the gallery.
    const court = await createCourt({ name: `Criminal Court ${uniqueSuffix()}` });
    const judgeUser: TestUser = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Amina Benali' });
    const trafficking = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'confidential',
      assignedJudgeId: judgeUser.id,
    });
    hearingId = (await createHearing({ caseId: trafficking.id, courtId: court.id, presidingJudgeId: judgeUser.id, startInMinutes: 1 })).id;
    const witnessId = (await createParticipant({ hearingId, hearingRole: 'witness', displayName: 'Witness A' })).id;
    const observerId = (await createParticipant({ hearingId, hearingRole: 'observer', displayName: 'Press reporter' })).id;
    const judgeToken = (await login(web.api.baseUrl, judgeUser.email, judgeUser.password)).accessToken;
    const linkOf = async (participantId: string) => {
      const res = await http(baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participantId}/links`, {
        token: judgeToken,
        body: {},
      });
      expect(res.status).toBe(201);
      return res.body.token as string;
    };
    const order = async (body: Record<string, unknown>) => {
      const res = await http(baseUrl, 'POST', `/api/hearings/${hearingId}/orders`, { token: judgeToken, body });
      if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await order({ kind: 'attendance', participantId: observerId, reason: 'The press may report the hearing.' });
    await order({
      kind: 'screen',
      participantId: witnessId,
      fromRoles: ['observer'],
      fromParticipantIds: [],
      reason: 'The witness fears being recognised in the press.',
    });
    const witnessLink = await linkOf(witnessId);
    const observerLink = await linkOf(observerId);

    // --- The judge signs in, checks their devices, enters the room and opens the sitting.
    const judge = await newPerson({ camera: true });
    await signIn(judge.page, judgeUser);
    await judge.page.goto(`/hearings/${hearingId}`);
    await judge.page.getByRole('button', { name: en.techCheck.start }).click();
    await judge.page.getByRole('button', { name: en.room.enter }).click();
    await judge.page.getByRole('complementary', { name: en.console.label }).waitFor({ timeout: 60_000 });
    await judge.page.getByRole('button', { name: en.console.sitting.openHearing }).click();
    await judge.page.getByText(en.hearingStatuses.open, { exact: true }).waitFor();
    await expect(carrier()).resolves.toBe(nodeA.nodeId);

    // --- The witness and the press open their links and wait; the judge admits them.
    const witness = await newPerson({ camera: true });
    await witness.page.goto(`/join/${witnessLink}`);
    await witness.page.getByRole('button', { name: en.join.welcome.start }).click();
    await witness.page.getByRole('button', { name: en.techCheck.start }).click();
    await witness.page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 30_000 });
    await witness.page.getByRole('button', { name: en.join.check.enter }).click();
    await witness.page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
    const gallery = await newPerson({ camera: false });
    await gallery.page.goto(`/join/${observerLink}`);
    await gallery.page.getByRole('button', { name: en.join.welcome.start }).click();
    await gallery.page.getByRole('button', { name: en.join.check.enter }).click();
    await gallery.page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
    const bench = (action: keyof typeof en.console.actionsFor, name: string) =>
      judge.page.getByRole('button', { name: en.console.actionsFor[action].replace('{{name}}', name), exact: true });
    await bench('admit', 'Witness A (Witness)').click({ timeout: 30_000 });
    await bench('admit', 'Press reporter (Observer)').click({ timeout: 30_000 });
    for (const person of [witness, gallery]) await person.page.locator('[data-view="hearing-room"]').waitFor({ timeout: 30_000 });

    // The court holds the witness muted: she cannot unmute herself.
    await bench('holdMute', 'Witness A (Witness)').click();
    await witness.page.getByText(en.room.mutedByCourtNotice).waitFor({ timeout: 15_000 });
    const unmute = witness.page.getByRole('button', { name: en.room.controls.unmute });
    await expect(unmute.isDisabled()).resolves.toBe(true);
    const witnessRow = judge.page.locator('li.person', { hasText: 'Witness A' });
    await witnessRow.getByText(en.console.people.muted, { exact: true }).waitFor();

    // Each side decodes the other; the gallery decodes the judge.
    await waitForVideoDecoding(judge.page, { timeoutMs: 30_000 });
    await waitForVideoDecoding(witness.page, { timeoutMs: 30_000 });
    const judgeId = (await tickets(judge))[0].participantId;
    await waitForStreamFrom(gallery.page, judgeId, 'video', { timeoutMs: 30_000 });
    const socketsBefore = [judge, witness, gallery].map((p) => p.sockets.length);
    for (const p of [judge, witness, gallery]) expect(p.sockets.at(-1)).toContain(nodeA.url.replace('http://', 'ws://'));

    // --- Node B joins the pool; node A dies. From here on nobody touches a page.
    nodeB = await startNode('b', RTC_PORT_BASE_B);
    for (const p of [judge, witness, gallery]) {
      await p.page.evaluate(() => {
        window.__ejBeforeFailover = 'still the same document';
      });
    }
    const createdBefore = await Promise.all([judge, witness, gallery].map((p) => connectionsCreated(p.page)));
    const killedAt = Date.now();
    await nodeA.kill();

    const [judgeMs, witnessMs, galleryMs] = await Promise.all([
      decodingAgainAfter(judge.page, createdBefore[0], killedAt),
      decodingAgainAfter(witness.page, createdBefore[1], killedAt),
      decodingAgainAfter(gallery.page, createdBefore[2], killedAt),
    ]);
    console.log(
      `media failover: video decoding again after the SIGKILL in ${judgeMs} ms (judge), ${witnessMs} ms (witness), ${galleryMs} ms (gallery)`,
    );
    expect(judgeMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(witnessMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(galleryMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);

    // --- Every page followed the hearing to node B by itself: the api named B, the page's new
    // signalling socket went to B, the document was never reloaded.
    await expect(carrier()).resolves.toBe(nodeB.nodeId);
    const wsB = nodeB.url.replace('http://', 'ws://');
    for (const [i, p] of [judge, witness, gallery].entries()) {
      expect((await tickets(p)).at(-1)?.nodeId).toBe(nodeB.nodeId);
      const after = p.sockets.slice(socketsBefore[i]);
      expect(after.length).toBeGreaterThanOrEqual(1);
      for (const url of after) expect(url).toContain(wsB);
      await expect(p.page.evaluate(() => window.__ejBeforeFailover)).resolves.toBe('still the same document');
      await p.page.getByRole('status').filter({ hasText: en.room.announce.reconnected }).waitFor({ timeout: 15_000 });
      await expect(p.page.getByText(en.room.reconnecting).count()).resolves.toBe(0);
    }

    // The witness and the press are still admitted, in the room, not back in the waiting room.
    for (const p of [witness, gallery]) {
      await p.page.locator('[data-view="hearing-room"]').waitFor();
      await expect(p.page.getByRole('heading', { level: 1, name: en.room.waiting.title }).count()).resolves.toBe(0);
    }
    await expect(participantState(witnessId)).resolves.toBe('admitted');
    await expect(participantState(observerId)).resolves.toBe('admitted');
    await expect(bench('admit', 'Witness A (Witness)').count()).resolves.toBe(0);
    // The court's mute holds: her new microphone is held, she cannot unmute, the bench sees her muted.
    await witness.page.getByText(en.room.mutedByCourtNotice).waitFor();
    await expect(unmute.isDisabled()).resolves.toBe(true);
    await witnessRow.getByText(en.console.people.muted, { exact: true }).waitFor();
    // The witness sends again (her camera to the bench) and decodes the judge on B.
    await expect(witness.page.evaluate(() => window.__ejHearing?.producers().length ?? 0)).resolves.toBe(2);
    await waitForStreamFrom(judge.page, witnessId, 'video', { timeoutMs: 15_000 });
    await waitForStreamFrom(gallery.page, judgeId, 'video', { timeoutMs: 15_000 });

    // --- The screen held on both nodes: the press was offered the judge's picture on each, and
    // never the witness's, at any moment.
    const toGallery = offered(gallery);
    expect(toGallery.filter((c) => c.participantId === judgeId && c.kind === 'video').length).toBeGreaterThanOrEqual(2);
    expect(toGallery.filter((c) => c.participantId === witnessId && c.kind === 'video')).toEqual([]);
    expect(offered(judge).filter((c) => c.participantId === witnessId && c.kind === 'video').length).toBeGreaterThanOrEqual(2);

    for (const p of [judge, witness, gallery]) expect(p.opened.pageErrors).toEqual([]);
  });
});
