import type { types as ms } from 'mediasoup';

/**
 * The codecs of every hearing router.
 *
 * Opus with in-band FEC and DTX: FEC lets the receiver rebuild a lost packet from the next one
 * (speech survives the patchy mobile links many witnesses join from); DTX stops sending during
 * silence, which in a hearing is most of the time for most people. Browsers read these
 * parameters from the router's capabilities (the remote description mediasoup-client builds),
 * so their encoders turn both on.
 *
 * VP8 only for video: every browser sends it with simulcast, and one video codec means every
 * viewer can receive every sender without transcoding.
 */
export const HEARING_MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
];

/** Start every WebRTC transport's bandwidth estimate here; mediasoup's estimator moves it from there. */
export const INITIAL_OUTGOING_BITRATE = 600_000;
/** A participant's camera and screen together never need more (three simulcast layers of 720p). */
export const MAX_INCOMING_BITRATE = 2_500_000;

/**
 * How long a video producer waits before asking its sender for another keyframe after asking for
 * one (mediasoup's `keyFrameRequestDelay`; requests meanwhile are sent together at its end).
 * Chromium ignores a keyframe request that comes within 300 ms of the last one it honoured, and
 * mediasoup asks again only after a full second: when media is rebuilt (a worker died), the
 * viewers' new consumers ask for keyframes of the same new cameras within a few tens of
 * milliseconds of each other, and each ignored request cost its viewer a second more without a
 * picture. Held back past Chromium's window, the second request is honoured.
 */
export const KEY_FRAME_REQUEST_DELAY_MS = 350;
