import type { BrowserContext, Page } from 'playwright-core';
import { peerConnectionStats, type InboundRtp } from './webrtc-stats';

/**
 * Whose media a hearing page receives, in the browser's own words: the inbound-rtp statistics of
 * its RTCPeerConnections (see webrtc-stats.ts), each tied to a participant through the page's
 * read-only test hook (`window.__ejHearing.consumerList()`, present only when the test set
 * `window.__EJ_TEST_HOOKS__` before the page loaded), which names the track every consumer plays
 * into. The statistics say what is decoded; the hook only says whose it is.
 */

/** One consumer as the page's test hook lists it. */
export interface HookConsumer {
  consumerId: string;
  participantId: string;
  source: 'microphone' | 'camera' | 'screen';
  kind: string;
  trackId: string;
  paused: boolean;
}

// Browser-side shapes touched in page.evaluate() callbacks (type-checked with Node's libs).
interface VideoLike {
  readyState: number;
  videoWidth: number;
  videoHeight: number;
}
interface Canvas2d {
  drawImage(image: VideoLike, x: number, y: number, width: number, height: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
declare const window: { __ejHearing?: { consumerList(): HookConsumer[] } };
declare const document: {
  querySelector(selector: string): VideoLike | null;
  createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d', options: object): Canvas2d | null };
};
declare const navigator: {
  mediaDevices?: { getUserMedia(constraints: { video?: unknown; audio?: unknown }): Promise<unknown> };
};

export async function hookConsumers(page: Page): Promise<HookConsumer[]> {
  return page.evaluate(() => window.__ejHearing?.consumerList() ?? []);
}

/** An inbound stream between two samples, and whose it is (null: no consumer of the page plays into its track). */
export interface ReceivedStream {
  readonly kind: string;
  readonly trackIdentifier: string | null;
  readonly consumer: HookConsumer | null;
  readonly framesDecoded: number;
  readonly packetsReceived: number;
  /** Frames decoded and packets received between the two samples. */
  readonly framesDelta: number;
  readonly packetsDelta: number;
}

/**
 * Two samples of the page's inbound RTP, `intervalMs` apart, each stream attributed to a
 * participant through the hook's consumer list read at the second sample.
 */
export async function receivedStreams(page: Page, intervalMs = 1000): Promise<ReceivedStream[]> {
  const first = await peerConnectionStats(page);
  await page.waitForTimeout(intervalMs);
  const second = await peerConnectionStats(page);
  const consumers = await hookConsumers(page);
  const before = new Map<string, InboundRtp>();
  for (const entry of first.inbound) if (entry.trackIdentifier) before.set(entry.trackIdentifier, entry);
  return second.inbound.map((entry) => {
    const earlier = entry.trackIdentifier ? before.get(entry.trackIdentifier) : undefined;
    return {
      kind: entry.kind,
      trackIdentifier: entry.trackIdentifier,
      consumer: consumers.find((c) => c.trackId === entry.trackIdentifier) ?? null,
      framesDecoded: entry.framesDecoded,
      packetsReceived: entry.packetsReceived,
      framesDelta: entry.framesDecoded - (earlier?.framesDecoded ?? 0),
      packetsDelta: entry.packetsReceived - (earlier?.packetsReceived ?? 0),
    };
  });
}

/** Streams that are flowing: video decoding new frames, audio receiving new packets. */
export function flowing(streams: readonly ReceivedStream[]): ReceivedStream[] {
  return streams.filter((s) => (s.kind === 'video' ? s.framesDelta > 0 : s.packetsDelta > 0));
}

/** A short, readable account of streams for a failure message. */
export function describeStreams(streams: readonly ReceivedStream[]): string {
  return streams
    .map(
      (s) =>
        `${s.kind} from ${s.consumer ? `${s.consumer.participantId.slice(0, 8)}/${s.consumer.source}` : 'nobody known'}` +
        ` (+${s.framesDelta} frames, +${s.packetsDelta} packets)`,
    )
    .join('; ');
}

/**
 * Waits until the page receives `kind` from `participantId`, flowing (as `flowing` says), and
 * returns that stream. Rejects at the deadline with what the page did receive.
 */
export async function waitForStreamFrom(
  page: Page,
  participantId: string,
  kind: 'audio' | 'video',
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<ReceivedStream> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: ReceivedStream[] = [];
  while (Date.now() < deadline) {
    last = await receivedStreams(page, options.intervalMs ?? 500);
    const found = flowing(last).find((s) => s.kind === kind && s.consumer?.participantId === participantId);
    if (found) return found;
  }
  throw new Error(`no ${kind} from ${participantId} is flowing into the page; it receives: ${describeStreams(last) || 'nothing'}`);
}

/**
 * How sharp a <video> looks: the picture drawn onto a 320x180 canvas (the same scale whatever the
 * stream's size) and the mean gradient energy of its luma, (dY/dx)² + (dY/dy)², over a few
 * frames (the median). A blurred picture has little; a camera's edges and text have much.
 */
export async function pictureSharpness(
  page: Page,
  selector: string,
  options: { samples?: number; intervalMs?: number } = {},
): Promise<{ energy: number; videoWidth: number; videoHeight: number }> {
  const readings: { energy: number; videoWidth: number; videoHeight: number }[] = [];
  for (let i = 0; i < (options.samples ?? 5); i++) {
    if (i > 0) await page.waitForTimeout(options.intervalMs ?? 200);
    const reading = await page.evaluate((sel) => {
      const video = document.querySelector(sel);
      if (!video || video.readyState < 2 || video.videoWidth === 0) return null;
      const width = 320;
      const height = 180;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return null;
      context.drawImage(video, 0, 0, width, height);
      const { data } = context.getImageData(0, 0, width, height);
      const luma = new Float64Array(width * height);
      for (let p = 0; p < width * height; p++) luma[p] = 0.299 * data[4 * p] + 0.587 * data[4 * p + 1] + 0.114 * data[4 * p + 2];
      let sum = 0;
      for (let y = 0; y < height - 1; y++) {
        for (let x = 0; x < width - 1; x++) {
          const here = luma[y * width + x];
          const dx = luma[y * width + x + 1] - here;
          const dy = luma[(y + 1) * width + x] - here;
          sum += dx * dx + dy * dy;
        }
      }
      return { energy: sum / ((width - 1) * (height - 1)), videoWidth: video.videoWidth, videoHeight: video.videoHeight };
    }, selector);
    if (reading) readings.push(reading);
  }
  if (readings.length === 0) throw new Error(`no picture to measure in ${selector}`);
  readings.sort((a, b) => a.energy - b.energy);
  return readings[Math.floor(readings.length / 2)];
}

/**
 * A small camera for every page of the context: the page's getUserMedia asks for at most
 * `width`x`height` at `frameRate`, whatever it asked for. Chromium's fake camera then captures
 * small frames, and the simulcast encoders (three layers per camera), the decoders and the
 * anonymiser have a fraction of the work: several hearing pages fit on a two-core machine.
 */
export async function useSmallCamera(context: BrowserContext, size: { width: number; height: number; frameRate: number }): Promise<void> {
  await context.addInitScript((small) => {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      if (!constraints?.video) return original(constraints);
      const asked = typeof constraints.video === 'object' ? (constraints.video as Record<string, unknown>) : {};
      return original({
        ...constraints,
        video: {
          ...asked,
          width: { ideal: small.width, max: small.width },
          height: { ideal: small.height, max: small.height },
          frameRate: { ideal: small.frameRate, max: small.frameRate },
        },
      });
    };
  }, size);
}
