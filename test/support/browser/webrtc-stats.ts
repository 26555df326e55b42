import type { BrowserContext, Page } from 'playwright-core';

/**
 * Reads WebRTC statistics from a page without the app's help: an init script, run before any
 * script of the page, wraps the browser's RTCPeerConnection constructor so every connection the
 * page opens (mediasoup-client's send and receive transports included) is kept in a list the test
 * can query with getStats(). What the test sees is the browser's own account of the media, not
 * what the app says about it.
 */

/*
 * The callbacks below run in the page, but are type-checked with the repository's Node-only
 * libs; the few browser shapes they touch are declared here, in this module's scope.
 */
interface StatsEntry {
  type: string;
  kind?: string;
  mediaType?: string;
  framesDecoded?: number;
  packetsReceived?: number;
  bytesReceived?: number;
  trackIdentifier?: string;
  mid?: string;
}
interface PeerConnectionLike {
  connectionState: string;
  getStats(): Promise<{ forEach(callback: (entry: StatsEntry) => void): void }>;
}
declare const window: { __ejPeerConnections?: PeerConnectionLike[] };

export interface InboundRtp {
  kind: string;
  framesDecoded: number;
  packetsReceived: number;
  bytesReceived: number;
  /** The id of the MediaStreamTrack the stream plays into: ties the stream to the app's consumer. */
  trackIdentifier: string | null;
  mid: string | null;
}

export interface PeerConnectionStats {
  /** RTCPeerConnections the page created, closed ones included. */
  connections: number;
  /** Every inbound-rtp entry of every connection: what the page receives. */
  inbound: InboundRtp[];
}

/** Installs the wrapper in every page of the context; call before the first navigation. */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const scope = globalThis as unknown as {
      RTCPeerConnection: new (...args: unknown[]) => PeerConnectionLike;
      __ejPeerConnections: PeerConnectionLike[];
    };
    const Native = scope.RTCPeerConnection;
    const connections: PeerConnectionLike[] = [];
    scope.__ejPeerConnections = connections;
    // A subclass keeps instanceof, static methods and the prototype chain intact for the app.
    const Recording = class extends (Native as unknown as new (...args: unknown[]) => object) {
      constructor(...args: unknown[]) {
        super(...args);
        connections.push(this as unknown as PeerConnectionLike);
      }
    };
    scope.RTCPeerConnection = Recording as unknown as typeof scope.RTCPeerConnection;
  });
}

/** A snapshot of the page's inbound RTP across all its peer connections. */
export async function peerConnectionStats(page: Page): Promise<PeerConnectionStats> {
  return page.evaluate(async () => {
    const connections = window.__ejPeerConnections ?? [];
    const inbound: {
      kind: string;
      framesDecoded: number;
      packetsReceived: number;
      bytesReceived: number;
      trackIdentifier: string | null;
      mid: string | null;
    }[] = [];
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      const report = await connection.getStats();
      report.forEach((entry) => {
        if (entry.type !== 'inbound-rtp') return;
        inbound.push({
          kind: entry.kind ?? entry.mediaType ?? 'unknown',
          framesDecoded: entry.framesDecoded ?? 0,
          packetsReceived: entry.packetsReceived ?? 0,
          bytesReceived: entry.bytesReceived ?? 0,
          trackIdentifier: entry.trackIdentifier ?? null,
          mid: entry.mid ?? null,
        });
      });
    }
    return { connections: connections.length, inbound };
  });
}

/** Total video frames the page has decoded, over every inbound video stream. */
export async function framesDecoded(page: Page): Promise<number> {
  const { inbound } = await peerConnectionStats(page);
  return inbound.filter((entry) => entry.kind === 'video').reduce((sum, entry) => sum + entry.framesDecoded, 0);
}

/**
 * Waits until inbound video frames are being decoded: two samples `intervalMs` apart, the second
 * higher than the first and above zero. Resolves with both samples; rejects at the deadline with
 * the last figures, so a failure says what was seen.
 */
export async function waitForVideoDecoding(
  page: Page,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ first: number; second: number }> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const interval = options.intervalMs ?? 1000;
  let last: { first: number; second: number } = { first: 0, second: 0 };
  while (Date.now() < deadline) {
    const first = await framesDecoded(page);
    await page.waitForTimeout(interval);
    const second = await framesDecoded(page);
    last = { first, second };
    if (second > first && first > 0) return last;
  }
  throw new Error(`inbound video is not being decoded: framesDecoded went from ${last.first} to ${last.second}`);
}
