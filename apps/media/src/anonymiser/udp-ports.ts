import { createSocket, type Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';

/**
 * Where the anonymiser's ffmpeg processes bind their UDP sockets: above mediasoup's default RTC
 * port range (10000-59999) and Linux's default ephemeral range (32768-60999). A port an ffmpeg
 * gives up while it restarts is then not taken meanwhile by a new transport of the worker or by
 * some process's outgoing socket, and the restarted ffmpeg can bind it again.
 */
export const FFMPEG_PORT_RANGE = { min: 61000, max: 65534 } as const;

/** Ports held by live pipelines of this process: a bind test cannot see a port released for a restart. */
const held = new Set<number>();

/** Two consecutive UDP ports, RTP on the even one and RTCP on the next, as RTP over UDP has it (RFC 3550). */
export interface UdpPortPair {
  readonly rtp: number;
  readonly rtcp: number;
  /** Gives the pair back; idempotent. */
  release(): void;
}

/**
 * Finds a free pair of ports on `ip` by binding both and letting them go. Between that and
 * ffmpeg's own bind another process could take one (then ffmpeg exits and the pipeline retries
 * with a new pair); the reserved range makes that unlikely.
 */
export async function reserveUdpPortPair(ip: string, range: { min: number; max: number } = FFMPEG_PORT_RANGE): Promise<UdpPortPair> {
  // Even RTP ports whose RTCP port (the next) is still in the range.
  const first = range.min + (range.min % 2);
  const count = Math.floor((range.max - first + 1) / 2);
  for (let attempt = 0; attempt < 64; attempt++) {
    const rtp = first + 2 * Math.floor(Math.random() * count);
    if (held.has(rtp) || held.has(rtp + 1)) continue;
    if (!(await bindable(ip, rtp)) || !(await bindable(ip, rtp + 1))) continue;
    held.add(rtp);
    held.add(rtp + 1);
    let released = false;
    return {
      rtp,
      rtcp: rtp + 1,
      release: () => {
        if (released) return;
        released = true;
        held.delete(rtp);
        held.delete(rtp + 1);
      },
    };
  }
  throw new Error(`no free UDP port pair on ${ip} in ${range.min}-${range.max}`);
}

async function bindable(ip: string, port: number): Promise<boolean> {
  const socket: Socket = createSocket(isIPv6(ip) ? 'udp6' : 'udp4');
  const bound = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind({ port, address: ip }, () => resolve(true));
  });
  await new Promise<void>((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // never bound: nothing to close
    }
  });
  return bound;
}

/**
 * Waits until some process has a UDP socket bound to `port` (Linux: /proc/net/udp and udp6), so
 * that the media sent to ffmpeg starts, and the keyframe is asked for, only once it is listening.
 * Resolves false after `timeoutMs`, or at once where /proc cannot tell.
 */
export async function waitUntilUdpBound(port: number, timeoutMs: number): Promise<boolean> {
  const needle = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let tables: string[];
    try {
      tables = await Promise.all(['/proc/net/udp', '/proc/net/udp6'].map((path) => readFile(path, 'utf8').catch(() => '')));
    } catch {
      return false;
    }
    if (tables.every((t) => t === '')) return false;
    // Each line: "sl local_address rem_address ..."; the local address is HEXIP:HEXPORT.
    for (const table of tables) {
      for (const line of table.split('\n')) {
        const local = line.trim().split(/\s+/)[1];
        if (local && `${local.slice(local.lastIndexOf(':'))} ` === needle) return true;
      }
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
