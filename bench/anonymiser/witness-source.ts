/*
 * A protected witness's camera and microphone for the anonymiser's integration test and
 * benchmark (shared by both, so it lives here, where the build compiles it).
 *
 * ffmpeg (Debian's) encodes a clip once, VP8 and Opus in WebM, with a recognisable event every
 * second: the picture flashes white for FLASH_MS and a tone starts after TONE_GAP_MS of silence.
 * The picture is testsrc2 under a fine grid (plenty of high-frequency detail for the blur to
 * remove); the tone is a pure sine (a pitch to measure). Each source replays the clip in a loop
 * with `-c copy` (no encoder per witness) to two PlainTransports, where the raw producers are.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { types as ms } from 'mediasoup';
import { type FfmpegChild, spawnFfmpeg } from '../../apps/media/src/anonymiser/ffmpeg-child';

/** Events come once a second, at the start of each second of the clip. */
export const EVENT_PERIOD_MS = 1000;
/** The flash: the whole picture white, this long (3 frames at 30 fps). */
export const FLASH_MS = 100;
/** The tone is silent for this long before each event, then sounds until the next silence. */
export const TONE_GAP_MS = 300;

export interface WitnessClipOptions {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly videoKbps: number;
  readonly toneHz: number;
  /** A whole number of seconds, so that the events stay a second apart across loops. */
  readonly seconds: number;
  /** Keyframe interval (default 1 s): ffmpeg's senders ignore keyframe requests, so a decoder that joins waits this long at most. */
  readonly keyframeSeconds?: number;
}

export const DEFAULT_WITNESS_CLIP: WitnessClipOptions = { width: 640, height: 360, fps: 30, videoKbps: 600, toneHz: 440, seconds: 10 };

/** Encodes the clip (once per set of options; kept in the temporary directory) and returns its path. */
export async function witnessClip(options: WitnessClipOptions, ffmpegBin = 'ffmpeg'): Promise<string> {
  const { width, height, fps, videoKbps, toneHz, seconds } = options;
  const gop = Math.max(1, Math.round(fps * (options.keyframeSeconds ?? 1)));
  const dir = join(tmpdir(), 'ejustice-anonymiser-clips');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `witness-${width}x${height}-${fps}fps-${videoKbps}k-g${gop}-${toneHz}hz-${seconds}s.webm`);
  if (existsSync(path)) return path;
  const period = EVENT_PERIOD_MS / 1000;
  const video =
    `testsrc2=size=${width}x${height}:rate=${fps},drawgrid=w=6:h=6:t=1:color=black@0.6,` +
    `drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t,${period}),${FLASH_MS / 1000})'`;
  const audio = `aevalsrc=exprs='if(lt(mod(t,${period}),${period - TONE_GAP_MS / 1000}),0.5*sin(2*PI*${toneHz}*t),0)':s=48000:c=mono`;
  const partial = `${path}.${process.pid}.part.webm`;
  const child = spawnFfmpeg(ffmpegBin, [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', video, '-f', 'lavfi', '-i', audio, '-t', String(seconds)],
    ...['-map', '0:v:0', '-c:v', 'libvpx', '-b:v', `${videoKbps}k`, '-g', String(gop), '-keyint_min', String(gop)],
    ...['-deadline', 'realtime', '-cpu-used', '4'],
    ...['-map', '1:a:0', '-c:a', 'libopus', '-b:a', '32k', '-application', 'lowdelay', '-frame_duration', '20'],
    partial,
  ]);
  const exit = await child.exited;
  if (exit.code !== 0) throw new Error(`ffmpeg could not encode the witness clip: ${child.stderrTail()}`);
  renameSync(partial, path);
  return path;
}

/** What the sender emits, for `transport.produce()`. */
const SOURCE_CODECS = {
  audio: { mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  video: { mimeType: 'video/VP8', clockRate: 90000 },
} as const;

export interface WitnessSource {
  readonly audio: ms.Producer;
  readonly video: ms.Producer;
  readonly sender: FfmpegChild;
  /** Stops ffmpeg and closes the transports (and the producers). Idempotent. */
  close(): void;
}

/**
 * One witness: a looping `-c copy` sender of the clip and, on two PlainTransports (comedia: the
 * sender's address is learnt from its first packet; no RTCP mux, which ffmpeg cannot do), the
 * raw audio and video producers. The video producer declares PLI so that mediasoup sends
 * keyframe requests towards the witness (ffmpeg ignores them; a test can watch them go out).
 */
export async function startWitnessSource(
  router: ms.Router,
  clipPath: string,
  options: { listenIp: string; ffmpegBin?: string },
): Promise<WitnessSource> {
  const transports: ms.PlainTransport[] = [];
  const producers: Partial<Record<'audio' | 'video', { producer: ms.Producer; url: string; ssrc: number; payloadType: number }>> = {};
  try {
    for (const kind of ['video', 'audio'] as const) {
      const codec = SOURCE_CODECS[kind];
      const routerCodec = router.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === codec.mimeType.toLowerCase());
      if (routerCodec?.preferredPayloadType === undefined) throw new Error(`the router has no ${codec.mimeType}`);
      const transport = await router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: options.listenIp },
        rtcpMux: false,
        comedia: true,
      });
      transports.push(transport);
      const ssrc = 10_000_000 + Math.floor(Math.random() * 1_000_000_000);
      const producer = await transport.produce({
        kind,
        rtpParameters: {
          codecs: [
            {
              ...codec,
              payloadType: routerCodec.preferredPayloadType,
              rtcpFeedback: kind === 'video' ? [{ type: 'nack', parameter: 'pli' }] : [],
            },
          ],
          encodings: [{ ssrc }],
        },
        appData: { source: kind === 'audio' ? 'microphone' : 'camera', variant: 'raw' },
      });
      const url = `rtp://${options.listenIp}:${transport.tuple.localPort}?rtcpport=${transport.rtcpTuple?.localPort}&pkt_size=1200`;
      producers[kind] = { producer, url, ssrc, payloadType: routerCodec.preferredPayloadType };
    }
  } catch (error) {
    for (const t of transports) t.close();
    throw error;
  }
  const video = producers.video!;
  const audio = producers.audio!;
  const sender = spawnFfmpeg(options.ffmpegBin ?? 'ffmpeg', [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', clipPath],
    ...['-map', '0:v:0', '-c', 'copy', '-ssrc', String(video.ssrc), '-payload_type', String(video.payloadType), '-f', 'rtp', video.url],
    ...['-map', '0:a:0', '-c', 'copy', '-ssrc', String(audio.ssrc), '-payload_type', String(audio.payloadType), '-f', 'rtp', audio.url],
  ]);
  let closed = false;
  return {
    audio: audio.producer,
    video: video.producer,
    sender,
    close() {
      if (closed) return;
      closed = true;
      sender.kill();
      for (const t of transports) t.close();
    },
  };
}
