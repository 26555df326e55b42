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
import { type Browser, type Page, chromium } from 'playwright-core';
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
}
interface PeerConnectionLike {
  connectionState: string;
  getStats(): Promise<{ forEach(callback: (entry: StatsEntry) => void): void }>;
}
interface StreamTimes {
  /** Per inbound video stream (its statistics id, one per SSRC): when it first had a packet. */
  readonly packets: Record<string, number>;
  /** The same: when it first had a decoded frame. */
  readonly frames: Record<string, number>;
}
declare const window: { __benchLastClickAt?: number; __benchStreams?: StreamTimes };

/**
 * Installed before any script of the page (the witness's and the judge's alike): keeps every
 * RTCPeerConnection the app creates, and polls their statistics every 10 ms, noting for each
 * inbound video stream the moment it first has a packet and first has a decoded frame
 * (`__benchStreams`). A witness's page receives the judge's camera; the judge's page receives
 * each admitted witness's camera as a new stream.
 */
function streamProbe(): void {
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
  const times: StreamTimes = { packets: {}, frames: {} };
  scope.__benchStreams = times;
  let busy = false;
  setInterval(() => {
    if (busy || connections.length === 0) return;
    busy = true;
    void Promise.all(
      connections
        .filter((c) => c.connectionState !== 'closed')
        .map(async (c) => {
          const seen: { id: string; packet: boolean; frame: boolean }[] = [];
          (await c.getStats()).forEach((e) => {
            const entry = e as StatsEntry & { id?: string };
            if (entry.type !== 'inbound-rtp' || (entry.kind ?? entry.mediaType) !== 'video' || !entry.id) return;
            seen.push({ id: entry.id, packet: (entry.packetsReceived ?? 0) >= 1, frame: (entry.framesDecoded ?? 0) >= 1 });
          });
          return seen;
        }),
    ).then(
      (results) => {
        busy = false;
        const now = Date.now();
        for (const { id, packet, frame } of results.flat()) {
          if (packet && times.packets[id] === undefined) times.packets[id] = now;
          if (frame && times.frames[id] === undefined) times.frames[id] = now;
        }
      },
      () => {
        busy = false;
      },
    );
  }, 10);
}

/** On the judge's page: the moment of each click, as the page receives it (capture phase, before the app). */
function clickClock(): void {
  const scope = globalThis as unknown as {
    __benchLastClickAt?: number;
    addEventListener(type: string, listener: () => void, options: { capture: boolean }): void;
  };
  scope.addEventListener('click', () => (scope.__benchLastClickAt = Date.now()), { capture: true });
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
  if (!existsSync(join(options.root, 'apps/web/dist/index.html')))
    throw new Error('apps/web/dist is missing: build the web app (./ejustice build)');
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  const en = JSON.parse(readFileSync(join(options.root, 'apps/web/src/i18n/locales/en.json'), 'utf8'));
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const unregister = onCleanup(() => browser.close());
  try {
    const judgeToken = await signIn(apiUrl, hearing.judge.email, options.password);
    const judgeContext = await browser.newContext({ locale: 'en-GB', baseURL: apiUrl, viewport: { width: 1280, height: 860 } });
    await judgeContext.addInitScript(clickClock);
    await judgeContext.addInitScript(streamProbe);
    const bench = await judgeContext.newPage();
    await bench.goto('/login');
    await bench.getByLabel(en.login.email).fill(hearing.judge.email);
    await bench.getByLabel(en.login.password).fill(options.password);
    await bench.getByRole('button', { name: en.login.submit }).click();
    await bench.waitForURL((url) => url.pathname === '/');
    await bench.goto(`/hearings/${hearing.hearingId}`);
    await bench.getByRole('button', { name: en.techCheck.start }).click();
    await bench.getByRole('button', { name: en.room.enter }).click();
    await bench.getByRole('complementary', { name: en.console.label }).waitFor({ timeout: 60_000 });
    await bench.getByRole('button', { name: en.console.sitting.openHearing }).click();
    await bench.getByText(en.hearingStatuses.open, { exact: true }).waitFor();

    const samples: JoinSample[] = [];
    for (let k = 1; k <= options.joins; k++) {
      const witnessId = hearing.witnessIds[k - 1];
      const token = await issueLink(apiUrl, judgeToken, hearing.hearingId, witnessId);
      const context = await browser.newContext({ locale: 'en-GB', baseURL: apiUrl, viewport: { width: 1280, height: 860 } });
      try {
        await context.addInitScript(streamProbe);
        const page: Page = await context.newPage();
        const openedAt = Date.now();
        await page.goto(`/join/${token}`);
        await page.getByRole('button', { name: en.join.welcome.start }).click();
        await page.getByRole('button', { name: en.techCheck.start }).click();
        await page.getByText(en.techCheck.microphone.heard).waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: en.join.check.enter }).click();
        await page.getByRole('heading', { level: 1, name: en.room.waiting.title }).waitFor({ timeout: 60_000 });
        const admit = bench.getByRole('button', {
          name: en.console.actionsFor.admit.replace('{{name}}', `Witness ${k} (Witness)`),
          exact: true,
        });
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
