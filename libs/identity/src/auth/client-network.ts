import { isIPv4, isIPv6 } from 'node:net';

/** The key of every client whose address is not an IP address (none should reach us). */
export const UNKNOWN_NETWORK = 'unknown';

/**
 * The network a sign-in comes from, as the key of its rate limit and lock-out: an IPv4 address
 * on its own, an IPv6 address by its /64 prefix (one subscriber's line or LAN gets a whole /64,
 * so counting single IPv6 addresses would give an attacker billions of fresh ones), and an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, as a dual-stack socket reports IPv4 clients) as
 * the IPv4 address it carries, so one client has one key however its address is written.
 */
export function clientNetwork(address: string | undefined): string {
  const text = (address ?? '')
    .trim()
    .toLowerCase()
    .replace(/%[^%]*$/, '');
  if (isIPv4(text)) return text;
  if (!isIPv6(text)) return UNKNOWN_NETWORK;
  const groups = ipv6Groups(text);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (which may end in a dotted IPv4 address). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const before = head === '' ? [] : head.split(':');
  const after = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((g) => parseInt(g, 16));
}
