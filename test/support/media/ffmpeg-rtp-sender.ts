// Spawns Debian's ffmpeg as a plain RTP sender of generated test media (lavfi
// testsrc video, sine-wave audio), for feeding a mediasoup PlainTransport
// without a browser. Reused by the mediasoup integration tests, hearing-room
// tests and the SFU benchmark.
import { spawn, type ChildProcess } from 'node:child_process';

export type FfmpegRtpCodec = 'vp8' | 'opus';

export interface FfmpegRtpSenderOptions {
  codec: FfmpegRtpCodec;
  /** Where to send RTP (the PlainTransport's tuple). */
  ip: string;
  rtpPort: number;
  /**
   * Where to send RTCP. ffmpeg cannot multiplex RTCP on the RTP port, so the
   * PlainTransport must be created with `rtcpMux: false` and this is its
   * rtcpTuple port.
   */
  rtcpPort: number;
  /** Must match the SSRC in the Producer's encodings. */
  ssrc: number;
  /** Must match the payload type of the codec in the Producer's rtpParameters. */
  payloadType: number;
  /** Seconds to send; sends until stopped when omitted. */
  durationS?: number;
  /** Path of the ffmpeg binary; defaults to EJ_FFMPEG_BIN or `ffmpeg` on PATH. */
  ffmpegBin?: string;
}

export interface FfmpegRtpSender {
  readonly process: ChildProcess;
  /** Last lines ffmpeg wrote to stderr, for assertion messages. */
  stderrTail(): string;
  /** Kills ffmpeg (SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
}

/** RTP parameters matching what the sender emits, for `transport.produce()`. */
export const FFMPEG_RTP_CODECS = {
  vp8: { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  opus: { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
} as const;

/** Splits a command-line fragment on whitespace (none of our arguments contain spaces). */
const words = (fragment: string): string[] => fragment.trim().split(/\s+/);

function codecArgs(codec: FfmpegRtpCodec): string[] {
  switch (codec) {
    case 'vp8':
      // Small, fast settings: the point is a steady packet flow on a loaded
      // CI machine, not picture quality. A keyframe every 2 s lets a consumer
      // that joins late start decoding without waiting long.
      return words(`
        -f lavfi -i testsrc=size=320x240:rate=15 -map 0:v:0
        -c:v libvpx -b:v 300k -deadline realtime -cpu-used 8 -g 30 -pix_fmt yuv420p`);
    case 'opus':
      return words(`
        -f lavfi -i sine=frequency=440:sample_rate=48000 -map 0:a:0
        -c:a libopus -b:a 32k -ac 2 -application lowdelay`);
  }
}

export function startFfmpegRtpSender(options: FfmpegRtpSenderOptions): FfmpegRtpSender {
  const bin = options.ffmpegBin ?? process.env.EJ_FFMPEG_BIN ?? 'ffmpeg';
  const url = `rtp://${options.ip}:${options.rtpPort}?rtcpport=${options.rtcpPort}&pkt_size=1200`;
  const args = [
    ...words('-hide_banner -nostdin -loglevel error'),
    // -re paces input at its native rate, so packets flow like a live source.
    '-re',
    ...codecArgs(options.codec),
    ...(options.durationS !== undefined ? ['-t', String(options.durationS)] : []),
    ...words(`-ssrc ${options.ssrc} -payload_type ${options.payloadType} -f rtp`),
    url,
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // A missing binary surfaces as 'error'; keep it for stderrTail() instead of
  // crashing the test process with an unhandled event.
  child.on('error', (error) => {
    stderr += `\n${bin}: ${error.message}`;
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('close', () => resolve());
  });

  return {
    process: child,
    stderrTail: () => stderr.trim().split('\n').slice(-10).join('\n'),
    async stop(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
