import type { Page } from 'playwright-core';

/**
 * Everything a page received from the platform, as text: each WebSocket frame (the signalling
 * socket to the media node) and the body of each api response it fetched. A test reads it to say
 * what a person's browser was told, whatever the page chose to show of it. Install before the
 * first navigation, so the first frame is caught too.
 */
export interface PageTraffic {
  /** WebSocket frames received, in order (binary frames decoded as UTF-8). */
  readonly frames: string[];
  /** Api responses: `METHOD url status` and the body text. */
  readonly responses: { readonly request: string; readonly body: string }[];
  /** Waits for response bodies still being read, then gives frames and responses as one text each. */
  settled(): Promise<{ frames: string[]; responses: string[] }>;
}

export function recordTraffic(page: Page, options: { apiPathPrefix?: string } = {}): PageTraffic {
  const prefix = options.apiPathPrefix ?? '/api/';
  const frames: string[] = [];
  const responses: { request: string; body: string }[] = [];
  const reading = new Set<Promise<void>>();
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      frames.push(typeof payload === 'string' ? payload : payload.toString('utf8'));
    });
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith(prefix)) return;
    const request = `${response.request().method()} ${url.pathname}${url.search} ${response.status()}`;
    const read: Promise<void> = response
      .text()
      .then(
        (body) => void responses.push({ request, body }),
        // A body the browser did not keep (a redirect, a page already gone) holds nothing to scan.
        () => void responses.push({ request, body: '' }),
      )
      .finally(() => reading.delete(read));
    reading.add(read);
  });
  return {
    frames,
    responses,
    async settled() {
      await Promise.all([...reading]);
      return { frames: [...frames], responses: responses.map((r) => `${r.request}\n${r.body}`) };
    },
  };
}

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
/** Full or "::"-shortened IPv6 addresses (DTLS fingerprints are taken out first: they look alike). */
const IPV6 =
  /(?<![0-9a-f:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})(?![0-9a-f:])/gi;
const FINGERPRINT = /(?:[0-9a-f]{2}:){15,}[0-9a-f]{2}/gi;
/** The names browsers give their host ICE candidates instead of the address (mDNS). */
const MDNS_CANDIDATE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local/gi;

/** Every network address (IPv4, IPv6, mDNS host name) written in `texts`, each once. */
export function addressesIn(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(IPV4)) found.add(match[0]);
    for (const match of text.replace(FINGERPRINT, '').matchAll(IPV6)) if (match[0].length > 2) found.add(match[0]);
    for (const match of text.matchAll(MDNS_CANDIDATE)) found.add(match[0]);
  }
  return [...found].sort();
}

/** The texts (shortened around the hit) that contain `needle`, for a failure message that says where. */
export function textsContaining(texts: readonly string[], needle: string): string[] {
  return texts
    .filter((text) => text.includes(needle))
    .map((text) => {
      const at = text.indexOf(needle);
      return text.slice(Math.max(0, at - 120), at + needle.length + 120);
    });
}

/**
 * The socket.io events in WebSocket frames (`42/namespace,["event",payload]`, acks included as
 * `ack`), parsed; other frames (handshake, ping) are left out. Each keeps its frame's index, so a
 * test can look at the frames of one stretch of time.
 */
export function socketIoEvents(frames: readonly string[]): { index: number; event: string; data: unknown }[] {
  const events: { index: number; event: string; data: unknown }[] = [];
  frames.forEach((frame, index) => {
    const packet = /^4([23])(?:\/[^,[]*,)?\d*\[/.exec(frame);
    if (!packet) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame.slice(packet[0].length - 1));
    } catch {
      return;
    }
    if (!Array.isArray(parsed)) return;
    if (packet[1] === '3') events.push({ index, event: 'ack', data: parsed[0] });
    else events.push({ index, event: String(parsed[0]), data: parsed[1] });
  });
  return events;
}
