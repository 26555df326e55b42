/*
 * The load's media, encoded once: ffmpeg (Debian's) encodes a few seconds of test pattern (VP8)
 * and tone (Opus) and packetises them as RTP to a local UDP socket, where the packets are kept in
 * memory. Every sender of the benchmark then replays these packets in a loop, so the load costs no
 * encoder per participant and both SFUs get byte-for-byte the same streams.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export type ClipKind = 'audio' | 'video';

export interface RtpClipPacket {
  /** The RTP packet as ffmpeg sent it (header with ffmpeg's SSRC, sequence number and timestamp). */
  readonly bytes: Buffer;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  /** Send time within the clip, ms from its first packet (derived from the RTP timestamp). */
  readonly offsetMs: number;
}

export interface RtpClip {
  readonly kind: ClipKind;
  readonly mimeType: 'audio/opus' | 'video/VP8';
  readonly clockRate: number;
  readonly payloadType: number;
  readonly packets: readonly RtpClipPacket[];
  /** Length of one loop in ms, and in RTP timestamp units (what each loop adds to the timestamps). */
  readonly durationMs: number;
  readonly durationTicks: number;
  /** Average over the clip: what one sender of this kind puts on the wire. */
  readonly packetsPerSecond: number;
  readonly kbps: number;
}

export interface VideoClipOptions {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly kbps: number;
  readonly seconds: number;
}

export interface AudioClipOptions {
  readonly kbps: number;
  readonly seconds: number;
}

const PAYLOAD_TYPE = { audio: 111, video: 96 } as const;
/** Typical of WebRTC stacks: a packet fits a 1,280-byte MTU budget with SRTP and headers. */
const PACKET_SIZE = 1200;

function encoderArgs(kind: ClipKind, video: VideoClipOptions, audio: AudioClipOptions): string[] {
  if (kind === 'video') {
    // Realtime VP8 as a browser's encoder would run it; a keyframe every 2 s (the first packet
    // of the clip is a keyframe, so every loop starts decodable).
    return [
      ...['-f', 'lavfi', '-i', `testsrc2=size=${video.width}x${video.height}:rate=${video.fps}`],
      ...['-t', String(video.seconds), '-map', '0:v:0', '-c:v', 'libvpx', '-b:v', `${video.kbps}k`],
      ...['-minrate', `${video.kbps}k`, '-maxrate', `${video.kbps}k`, '-deadline', 'realtime', '-cpu-used', '8'],
      ...['-g', String(video.fps * 2), '-pix_fmt', 'yuv420p'],
    ];
  }
  return [
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    ...['-t', String(audio.seconds), '-map', '0:a:0', '-c:a', 'libopus', '-b:a', `${audio.kbps}k`, '-ac', '2'],
    ...['-application', 'voip', '-frame_duration', '20'],
  ];
}

/**
 * Runs ffmpeg once for one kind and collects its RTP. ffmpeg reads its input at a few times real
 * time (`-readrate`), which keeps its bursts small enough for a local socket; any gap in the
 * sequence numbers fails the recording rather than giving a clip with holes.
 */
export async function recordClip(
  kind: ClipKind,
  options: { video: VideoClipOptions; audio: AudioClipOptions; ffmpegBin?: string; timeoutMs?: number },
): Promise<RtpClip> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.setRecvBufferSize(4 * 1024 * 1024);
  const port = (socket.address() as AddressInfo).port;
  const raw: Buffer[] = [];
  socket.on('message', (message) => {
    // RTCP (payload types 200-204 with the marker bit) goes to port+1 when ffmpeg sends it; keep RTP only.
    if (message.length >= 12 && (message[0] & 0xc0) === 0x80 && (message[1] & 0x7f) === PAYLOAD_TYPE[kind]) raw.push(message);
  });
  const args = [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-readrate', '4'],
    ...encoderArgs(kind, options.video, options.audio),
    ...['-payload_type', String(PAYLOAD_TYPE[kind]), '-ssrc', kind === 'audio' ? '1111' : '2222', '-f', 'rtp'],
    `rtp://127.0.0.1:${port}?rtcpport=${port}&pkt_size=${PACKET_SIZE}`,
  ];
  const bin = options.ffmpegBin ?? 'ffmpeg';
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`ffmpeg took more than ${timeoutMs} ms to encode the ${kind} clip`));
      }, timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot run ${bin}: ${error.message}`));
      });
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    if (code !== 0) throw new Error(`ffmpeg exited with ${code} while encoding the ${kind} clip: ${stderr.trim()}`);
    // The last datagrams may still be in the socket's queue.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    socket.close();
  }
  return buildClip(kind, raw);
}

/** Orders and checks the packets and derives the clip's timing (exported for the unit test). */
export function buildClip(kind: ClipKind, raw: readonly Buffer[]): RtpClip {
  if (raw.length < 10) throw new Error(`the ${kind} clip has only ${raw.length} RTP packets`);
  const clockRate = kind === 'audio' ? 48_000 : 90_000;
  const first = raw[0];
  const firstSeq = first.readUInt16BE(2);
  const firstTs = first.readUInt32BE(4);
  const packets: RtpClipPacket[] = raw.map((bytes, i) => {
    // The senders put the payload behind a header of their own: a plain 12-byte header is expected.
    if (bytes[0] !== 0x80) throw new Error(`the ${kind} clip has a packet with padding, extensions or CSRCs (first byte ${bytes[0]})`);
    const sequenceNumber = bytes.readUInt16BE(2);
    if (sequenceNumber !== ((firstSeq + i) & 0xffff)) {
      throw new Error(
        `the ${kind} clip lost packets on the local socket (expected sequence ${(firstSeq + i) & 0xffff}, got ${sequenceNumber})`,
      );
    }
    const timestamp = bytes.readUInt32BE(4);
    const ticks = (timestamp - firstTs) >>> 0;
    return { bytes, sequenceNumber, timestamp, offsetMs: (ticks / clockRate) * 1000 };
  });
  // One more frame interval after the last packet closes the loop (the next loop's first frame
  // follows at the clip's own frame rate).
  const last = packets[packets.length - 1];
  const distinct = [...new Set(packets.map((p) => p.timestamp))];
  const frameTicks = distinct.length > 1 ? ((last.timestamp - firstTs) >>> 0) / (distinct.length - 1) : clockRate / 50;
  const durationTicks = Math.round(((last.timestamp - firstTs) >>> 0) + frameTicks);
  const durationMs = (durationTicks / clockRate) * 1000;
  const bytes = packets.reduce((sum, p) => sum + p.bytes.length, 0);
  return {
    kind,
    mimeType: kind === 'audio' ? 'audio/opus' : 'video/VP8',
    clockRate,
    payloadType: PAYLOAD_TYPE[kind],
    packets,
    durationMs,
    durationTicks,
    packetsPerSecond: packets.length / (durationMs / 1000),
    kbps: (bytes * 8) / durationMs,
  };
}
