/*
 * Join-to-first-frame in Debian's Chromium with fake camera and microphone, through the web app
 * the api serves. The judge signs in, enters the hearing and opens the sitting; their page keeps
 * sending its camera throughout. Then, one after the other, K witnesses each open their one-time
 * link in a fresh browser context, pass the device check, enter the waiting room, and are admitted
 * by the judge's click on Admit. Each witness page polls its own WebRTC statistics every 10 ms and
 * notes the first moment any inbound video stream has framesDecoded >= 1.
 *
 * Intervals (one wall clock: the pages and this process run on the same machine):
 *   admit -> first frame: from the judge's click on Admit (its time as the judge's page received
 *     it) to that first decoded frame on the witness's page (the judge's camera), and on the
 *     judge's page (the witness's camera: the first inbound video stream, new since the click,
 *     with a decoded frame): admission, the policy's consumers, newConsumer, the client's consume and
 *     acknowledgement, the keyframe request, and decoding.
 *   open link -> first frame: from the witness's navigation to the link to that frame, with the
 *     device check and waiting room clicked through at automation speed and the judge admitting
 *     as soon as their Admit button appears.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import type enLocale from '../../apps/web/src/i18n/locales/en.json';
import { issueLink, signIn } from './platform-side';
import { onCleanup } from './processes';
import type { SeededHearing } from './seed';
import { type Summary, summarise } from './statistics';

export interface JoinSample {
  readonly admitToFrameMs: number;
  /** The other side: the judge's page decodes the witness's camera. */
  readonly judgeAdmitToFrameMs: number;
  /** Of which: until the first inbound video packet (the rest is the browser's decoding). */
  readonly admitToPacketMs: number;
  readonly openToFrameMs: number;
}

export interface JoinFigures {
  readonly admitToFrame: Summary;
  readonly judgeAdmitToFrame: Summary;
  readonly admitToPacket: Summary;
  readonly openToFrame: Summary;
  readonly samples: readonly JoinSample[];
  readonly definition: string;
}

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The web app's English texts: the pages are opened in English and found by what they say. */
export type WebLocale = typeof enLocale;

/** The same switches as the browser tests (test/support/browser/chromium.ts). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

// Browser-side shapes used inside page callbacks (type-checked with Node's libs).
interface StatsEntry {
  type: string;
  kind?: string;
  mediaType?: string;
  framesDecoded?: number;
  packetsReceived?: number;
  trackIdentifier?: string;
}
interface PeerConnectionLike {
  connectionState: string;
  getStats(): Promise<{ forEach(callback: (entry: StatsEntry) => void): void }>;
}
export interface StreamTimes {
  /** Per inbound video stream (its statistics id, one per SSRC): when it first had a packet. */
  readonly packets: Record<string, number>;
  /** The same: when it first had a decoded frame. */
  readonly frames: Record<string, number>;
  /** The same per receiving track (`trackIdentifier`): ties a frame to the app's consumer. */
  readonly trackFrames: Record<string, number>;
}
declare const window: { __benchLastClickAt?: number; __benchStreams?: StreamTimes };

/**
 * Installed before any script of the page (the witness's and the judge's alike): keeps every
 * RTCPeerConnection the app creates, and polls their statistics every 10 ms, noting for each
 * inbound video stream the moment it first has a packet and first has a decoded frame
 * (`__benchStreams`). A witness's page receives the judge's camera; the judge's page receives
 * each admitted witness's camera as a new stream.
 */
export function streamProbe(): void {
  const scope = globalThis as unknown as {
    RTCPeerConnection: new (...args: unknown[]) => PeerConnectionLike;
    __benchStreams?: StreamTimes;
  };
  const Native = scope.RTCPeerConnection;
  const connections: PeerConnectionLike[] = [];
  scope.RTCPeerConnection = class extends (Native as unknown as new (...args: unknown[]) => object) {
    constructor(...args: unknown[]) {
      super(...args);
      connections.push(this as unknown as PeerConnectionLike);
    }
  } as unknown as typeof scope.RTCPeerConnection;
  const times: StreamTimes = { packets: {}, frames: {}, trackFrames: {} };
  scope.__benchStreams = times;
  let busy = false;
  setInterval(() => {
    if (busy || connections.length === 0) return;
    busy = true;
    void Promise.all(
      connections
        .filter((c) => c.connectionState !== 'closed')
        .map(async (c) => {
          const seen: { id: string; track?: string; packet: boolean; frame: boolean }[] = [];
          (await c.getStats()).forEach((e) => {
            const entry = e as StatsEntry & { id?: string };
            if (entry.type !== 'inbound-rtp' || (entry.kind ?? entry.mediaType) !== 'video' || !entry.id) return;
            seen.push({
              id: entry.id,
              track: entry.trackIdentifier,
              packet: (entry.packetsReceived ?? 0) >= 1,
              frame: (entry.framesDecoded ?? 0) >= 1,
            });
          });
          return seen;
        }),
    ).then(
      (results) => {
        busy = false;
        const now = Date.now();
        for (const { id, track, packet, frame } of results.flat()) {
          if (packet && times.packets[id] === undefined) times.packets[id] = now;
          if (frame && times.frames[id] === undefined) times.frames[id] = now;
          if (frame && track && times.trackFrames[track] === undefined) times.trackFrames[track] = now;
        }
      },
      () => {
        busy = false;
      },
    );
  }, 10);
}

/** On a page: the moment of each click, as the page receives it (capture phase, before the app). */
export function clickClock(): void {
  const scope = globalThis as unknown as {
    __benchLastClickAt?: number;
    addEventListener(type: string, listener: () => void, options: { capture: boolean }): void;
  };
  scope.addEventListener('click', () => (scope.__benchLastClickAt = Date.now()), { capture: true });
}

/** Debian's Chromium, once the web app is built, and its English texts. */
export async function launchBenchChromium(root: string): Promise<{ browser: Browser; en: WebLocale }> {
  if (!existsSync(join(root, 'apps/web/dist/index.html')))
    throw new Error('apps/web/dist is missing: build the web app (./ejustice build)');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  const en = JSON.parse(readFileSync(join(root, 'apps/web/src/i18n/locales/en.json'), 'utf8')) as WebLocale;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return { browser, en };
}

/** A person's own browser (a fresh context) on the api's web app, in English. */
export function benchContext(browser: Browser, apiUrl: string): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', baseURL: apiUrl, viewport: { width: 1280, height: 860 } });
}

/** The judge signs in, checks their devices, enters the hearing's room and opens the sitting. */
export async function judgeOpensSitting(page: Page, en: WebLocale, hearing: SeededHearing, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(en.login.email).fill(hearing.judge.email);
  await page.getByLabel(en.login.password).fill(password);
  await page.getByRole('button', { name: en.login.submit }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`/hearings/${hearing.hearingId}`);
  await page.getByRole('button', { name: en.techCheck.start }).click();
  await page.getByRole('button', { name: en.room.enter }).click();
  await page.getByRole('complementary', { name: en.console.label }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: en.console.sitting.openHearing }).click();
  await page.getByText(en.hearingStatuses.open, { exact: true }).waitFor();
}

/** Someone opens their one-time link, passes the device check and enters the waiting room. */
export async function waitByLink(page: Page, en: WebLocale, token: string): Promise<void> {
  await page.goto(`/join/${token}`);
  await page.getByRole('button', { name: en.join.welcome.start }).click();
  await page.getByRole('button', { name: en.techCheck.start }).click();
  await page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: en.join.check.enter }).click();
  await page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
}

/** The judge's Admit button for someone waiting, by the name and role the console shows ("Witness 1 (Witness)"). */
export function admitButton(judge: Page, en: WebLocale, nameAndRole: string): Locator {
  return judge.getByRole('button', { name: en.console.actionsFor.admit.replace('{{name}}', nameAndRole), exact: true });
}

export async function runChromiumJoins(options: {
  root: string;
  apiUrl: string;
  hearing: SeededHearing;
  password: string;
  joins: number;
  log: (line: string) => void;
}): Promise<JoinFigures> {
  const { apiUrl, hearing } = options;
  const { browser, en } = await launchBenchChromium(options.root);
  const unregister = onCleanup(() => browser.close());
  try {
    const judgeToken = await signIn(apiUrl, hearing.judge.email, options.password);
    const judgeContext = await benchContext(browser, apiUrl);
    await judgeContext.addInitScript(clickClock);
    await judgeContext.addInitScript(streamProbe);
    const bench = await judgeContext.newPage();
    await judgeOpensSitting(bench, en, hearing, options.password);

    const samples: JoinSample[] = [];
    for (let k = 1; k <= options.joins; k++) {
      const witnessId = hearing.witnessIds[k - 1];
      const token = await issueLink(apiUrl, judgeToken, hearing.hearingId, witnessId);
      const context = await benchContext(browser, apiUrl);
      try {
        await context.addInitScript(streamProbe);
        const page: Page = await context.newPage();
        const openedAt = Date.now();
        await waitByLink(page, en, token);
        const admit = admitButton(bench, en, `Witness ${k} (Witness)`);
        await admit.waitFor({ timeout: 30_000 });
        await admit.click();
        const admittedAt = await bench.evaluate(() => window.__benchLastClickAt as number);
        // The first stream decoded on each page after the click: the judge's camera on the
        // witness's page, the witness's camera on the judge's.
        const firstAfter = async (p: Page, what: keyof StreamTimes): Promise<number> => {
          await p.waitForFunction(
            ([since, key]) => Object.values(window.__benchStreams?.[key] ?? {}).some((t) => t >= since),
            [admittedAt, what] as const,
            {
              timeout: 30_000,
              polling: 50,
            },
          );
          return p.evaluate(([since, key]) => Math.min(...Object.values(window.__benchStreams?.[key] ?? {}).filter((t) => t >= since)), [
            admittedAt,
            what,
          ] as const);
        };
        const frameAt = await firstAfter(page, 'frames');
        const packetAt = await firstAfter(page, 'packets');
        const judgeFrameAt = await firstAfter(bench, 'frames');
        const sample = {
          admitToFrameMs: frameAt - admittedAt,
          judgeAdmitToFrameMs: judgeFrameAt - admittedAt,
          admitToPacketMs: packetAt - admittedAt,
          openToFrameMs: frameAt - openedAt,
        };
        samples.push(sample);
        options.log(
          `  join ${k}/${options.joins}: admit -> first frame ${sample.admitToFrameMs} ms on the witness's page ` +
            `(first packet ${sample.admitToPacketMs} ms), ${sample.judgeAdmitToFrameMs} ms on the judge's, ` +
            `open link -> first frame ${sample.openToFrameMs} ms`,
        );
      } finally {
        await context.close();
      }
    }
    return {
      admitToFrame: summarise(samples.map((s) => s.admitToFrameMs)),
      judgeAdmitToFrame: summarise(samples.map((s) => s.judgeAdmitToFrameMs)),
      admitToPacket: summarise(samples.map((s) => s.admitToPacketMs)),
      openToFrame: summarise(samples.map((s) => s.openToFrameMs)),
      samples,
      definition:
        "admit -> first frame: from the judge's click on Admit, as their page received it (Chromium, judge's console), to the first inbound video frame " +
        "decoded by the witness's page (framesDecoded >= 1 in inbound-rtp, polled every 10 ms), and on the judge's page to the first frame " +
        "of the first inbound video stream decoded after the click (the witness's camera); admit -> first packet: the same to packetsReceived >= 1. open link -> first frame: from the witness's navigation to " +
        'the one-time link, through the device check and the waiting room at automation speed. One witness at a time, fresh browser ' +
        "context each; the judge's page (fake camera) is the sender; no other load.",
    };
  } finally {
    unregister();
    await browser.close();
  }
}
