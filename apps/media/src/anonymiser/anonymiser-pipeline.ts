/*
 * What the anonymiser's ffmpeg does, as plain data: the SDP it reads the raw RTP by, the filters
 * that disguise voice and picture, the encoders, and the RTP it sends back. No I/O here.
 */
import { isIPv6 } from 'node:net';

export type AnonymisedPicture = 'blur' | 'silhouette';
export type AnonymisedKind = 'audio' | 'video';

/**
 * The voice moves this many semitones (up), formants with it: a pitch shift alone that kept the
 * formants would leave the timbre that lets people recognise a voice. Seven semitones (a fifth)
 * keeps speech intelligible; orders ask for at least four.
 */
export const VOICE_SHIFT_SEMITONES = 7;

/**
 * The anonymised picture's size, whatever the camera sends (16:9 inside, the rest padded): the
 * encoder cannot change size in mid-stream, simulcast switches the raw stream's size at will, and
 * a picture with its detail taken out needs few pixels (encoding 320x180 costs about a quarter of
 * 640x360, and looks the same once blurred).
 */
export const ANONYMISED_CANVAS = { width: 320, height: 180 } as const;

/** Video bitrate: a blurred or flat picture compresses to little; keyframes included. */
const VIDEO_KBPS = 150;
/** Speech in Opus, as the browsers send it. */
const AUDIO_KBPS = 32;
/**
 * At most this many frames between keyframes (30: one second at the 30 fps cameras send). The
 * encoder also makes a keyframe of every keyframe the witness sends (`-force_key_frames source`),
 * which is how a viewer's keyframe request is answered quickly (see MediaAnonymiser).
 */
const MAX_KEYFRAME_INTERVAL_FRAMES = 30;

const { width: W, height: H } = ANONYMISED_CANVAS;
/** Any input fitted into the canvas: area-averaged down, centred, black bars where the shapes differ. */
const FIT = `scale=w=${W}:h=${H}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=area,pad=w=${W}:h=${H}:x=(ow-iw)/2:y=(oh-ih)/2`;

/**
 * The picture filters. Both first average the picture down to a few dozen pixels across, which
 * throws the detail away for good: a Gaussian blur alone can be partly undone by deconvolution.
 *  - blur: 40x22 cells, scaled back up and smoothed; a face is a soft blob of its colours.
 *  - silhouette: 48x27 cells, then every pixel darker than mid-grey becomes one dark grey and the
 *    rest one light grey, no colour: the outline of a shape and nothing inside it. A dark room
 *    comes out all dark, which discloses nothing either.
 */
export const PICTURE_FILTERS: Readonly<Record<AnonymisedPicture, string>> = {
  blur: `${FIT},scale=w=40:h=22:flags=area,scale=w=${W}:h=${H}:flags=bicubic,gblur=sigma=6:steps=2,format=yuv420p`,
  silhouette:
    `${FIT},scale=w=48:h=27:flags=area,gblur=sigma=1,lutyuv=y='if(lt(val,100),32,176)':u=128:v=128,` +
    `scale=w=${W}:h=${H}:flags=bilinear,gblur=sigma=3,format=yuv420p`,
};

/**
 * The voice filter: mono, then Rubber Band's pitch shift (tempo kept, formants shifted with the
 * pitch) in its real-time mode, with the short analysis window: measured through the whole
 * pipeline, about 60 ms instead of 120 ms with the standard window (asetrate+atempo does no
 * better, 60 ms, and sounds rougher; an asetrate alone, which changes the tempo, 20 ms).
 */
export const VOICE_FILTER = `aformat=channel_layouts=mono,rubberband=pitch=${Math.pow(2, VOICE_SHIFT_SEMITONES / 12).toFixed(4)}:window=short`;

export interface RawRtpInput {
  readonly kind: AnonymisedKind;
  /** Where ffmpeg listens: RTP on `rtpPort`, RTCP on the next port (the SDP default). */
  readonly ip: string;
  readonly rtpPort: number;
  readonly payloadType: number;
}

export interface AnonymisedRtpOutput {
  /** The PlainTransport of the anonymised producer. */
  readonly ip: string;
  readonly rtpPort: number;
  readonly rtcpPort: number;
  /** ffmpeg's own ports: fixed, so that a restarted ffmpeg sends from where the transport expects it. */
  readonly localRtpPort: number;
  readonly localRtcpPort: number;
  readonly ssrc: number;
  readonly payloadType: number;
}

/** The SDP by which ffmpeg reads what mediasoup's consumer sends it. */
export function inputSdp(input: RawRtpInput): string {
  const family = isIPv6(input.ip) ? 'IP6' : 'IP4';
  const rtpmap = input.kind === 'audio' ? 'opus/48000/2' : 'VP8/90000';
  return [
    'v=0',
    `o=- 0 0 IN ${family} ${input.ip}`,
    's=-',
    `c=IN ${family} ${input.ip}`,
    't=0 0',
    `m=${input.kind} ${input.rtpPort} RTP/AVP ${input.payloadType}`,
    `a=rtpmap:${input.payloadType} ${rtpmap}`,
    'a=recvonly',
    '',
  ].join('\n');
}

function rtpUrl(out: AnonymisedRtpOutput): string {
  const host = isIPv6(out.ip) ? `[${out.ip}]` : out.ip;
  return (
    `rtp://${host}:${out.rtpPort}?rtcpport=${out.rtcpPort}` +
    `&localrtpport=${out.localRtpPort}&localrtcpport=${out.localRtcpPort}&pkt_size=1200`
  );
}

/**
 * ffmpeg's global and input arguments for reading one raw RTP stream with the least delay: no
 * input buffering or probing (`-fflags nobuffer`, `-probesize 32 -analyzeduration 0`: the SDP
 * says the codec), no reordering queue (the RTP comes over loopback from the worker), no
 * frame-threaded decoding (`-flags low_delay`; it would hold a frame per thread), and one thread
 * everywhere (many pipelines share the cores; threads would only add hand-offs). The SDP goes in
 * as a data: URL, so there is no file to write or to leave behind.
 */
export function rawRtpInputArgs(input: RawRtpInput): string[] {
  const sdp = Buffer.from(inputSdp(input)).toString('base64');
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'warning', '-filter_threads', '1'],
    ...['-protocol_whitelist', 'data,udp,rtp', '-f', 'sdp', '-reorder_queue_size', '0', '-buffer_size', '1048576'],
    ...['-fflags', 'nobuffer', '-flags', 'low_delay', '-probesize', '32', '-analyzeduration', '0', '-threads', '1'],
    ...['-i', `data:application/sdp;base64,${sdp}`],
  ];
}

/**
 * The anonymiser's ffmpeg arguments, in order: the raw input as above, the filter, the encoder in
 * its real-time mode with no look-ahead, frames passed on at their own times (`-fps_mode
 * passthrough`), and RTP out from fixed local ports.
 */
export function anonymiserArgs(input: RawRtpInput, picture: AnonymisedPicture, out: AnonymisedRtpOutput): string[] {
  const encode =
    input.kind === 'audio'
      ? [
          ...['-map', '0:a:0', '-af', VOICE_FILTER],
          ...['-c:a', 'libopus', '-b:a', `${AUDIO_KBPS}k`, '-application', 'lowdelay', '-frame_duration', '20', '-ac', '1'],
        ]
      : [
          ...['-map', '0:v:0', '-vf', PICTURE_FILTERS[picture], '-fps_mode', 'passthrough'],
          // A static speed (negative -cpu-used): a positive one lets libvpx slow down to fill half
          // of every frame interval, so each pipeline would take whatever CPU is free.
          ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '-16', '-lag-in-frames', '0', '-error-resilient', '1'],
          ...['-auto-alt-ref', '0', '-threads', '1', '-b:v', `${VIDEO_KBPS}k`, '-maxrate', `${VIDEO_KBPS}k`, '-bufsize', `${VIDEO_KBPS}k`],
          ...['-g', String(MAX_KEYFRAME_INTERVAL_FRAMES), '-force_key_frames', 'source', '-pix_fmt', 'yuv420p'],
        ];
  const mux = ['-ssrc', String(out.ssrc), '-payload_type', String(out.payloadType), '-flush_packets', '1', '-f', 'rtp', rtpUrl(out)];
  return [...rawRtpInputArgs(input), ...encode, ...mux];
}
