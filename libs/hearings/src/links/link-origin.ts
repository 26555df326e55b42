import { isIP } from 'node:net';

/** How much of a User-Agent is kept: enough to tell browser and device apart, no more. */
export const USER_AGENT_MAX_LENGTH = 200;

export interface LinkOrigin {
  readonly address: string | null;
  readonly userAgent: string | null;
}

/**
 * Where a link was used from, as it is kept: a plain IP address (behind the proxies the api
 * trusts, `req.ip` is the client's; anything else a client could have put in a header is
 * dropped) and the User-Agent, control characters removed, trimmed and bounded.
 */
export function linkOrigin(seen: { address?: string | null; userAgent?: string | null }): LinkOrigin {
  return { address: plainAddress(seen.address), userAgent: boundedUserAgent(seen.userAgent) };
}

function plainAddress(address: unknown): string | null {
  if (typeof address !== 'string') return null;
  // The zone of a link-local IPv6 address names an interface of the server, not the client.
  const bare = address.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  const candidate = mapped ? mapped[1] : bare;
  return isIP(candidate) === 0 ? null : candidate.toLowerCase();
}

/** Control characters: a header cannot carry most of them, but nothing of the kind is kept. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function boundedUserAgent(userAgent: unknown): string | null {
  if (typeof userAgent !== 'string') return null;
  const clean = userAgent.replace(CONTROL_CHARACTERS, '').trim().slice(0, USER_AGENT_MAX_LENGTH).trim();
  return clean === '' ? null : clean;
}

/** Browsers in the order their User-Agents must be tested: each claims to be the ones after it. */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPad\b/, 'iPadOS'],
  [/\b(?:iPhone|iPod)\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/**
 * "Chrome" and "Android" from a User-Agent, for the clerk to recognise the witness's phone at a
 * glance; null for what it cannot read. The full string stays beside it for anyone who needs it.
 */
export function describeUserAgent(userAgent: string | null): { browser: string | null; system: string | null } {
  if (!userAgent) return { browser: null, system: null };
  return {
    browser: BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null,
    system: SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null,
  };
}
