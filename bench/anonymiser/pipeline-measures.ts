/*
 * Raw against anonymised, measured on the same stretch of the witness clip: both producers are
 * recorded at once, then the voice's pitch, the picture's high-frequency energy and the delay of
 * each event (tone onset, flash) are compared. Shared by the integration test and the benchmark.
 */
import type { types as ms } from 'mediasoup';
import { RtpMeter } from './rtp-meter';
import { RECORDED_SAMPLE_RATE, RtpRecorder, type RtpRecorderOptions } from './rtp-recorder';
import { EVENT_PERIOD_MS } from './witness-source';
import {
  type FrameArrival,
  eventDelays,
  flashTimes,
  frameDelays,
  fundamentalHz,
  median,
  onsetTimes,
  pictureHfEnergy,
  semitones,
} from './signal-analysis';

export interface RecordedPair {
  readonly raw: RtpRecorder;
  readonly anonymised: RtpRecorder;
  /** Video: every frame's RTP timestamp and arrival, on each side (undecoded). */
  readonly frames: { readonly raw: readonly FrameArrival[]; readonly anonymised: readonly FrameArrival[] };
}

/**
 * Records both producers for `seconds` (after `settleSeconds`, recorded but then forgotten, so
 * both decoders are running and past their first keyframe), decoded and, for video, also as RTP
 * frames; then stops the recorders.
 */
export async function recordPair(
  router: ms.Router,
  raw: ms.Producer,
  anonymised: ms.Producer,
  options: RtpRecorderOptions & { seconds: number; settleSeconds?: number },
): Promise<RecordedPair> {
  const direct = await router.createDirectTransport();
  try {
    const keepFrames = raw.kind === 'video';
    const meters = {
      raw: await RtpMeter.start(direct, router, raw, keepFrames),
      anonymised: await RtpMeter.start(direct, router, anonymised, keepFrames),
    };
    const recorders = {
      raw: await RtpRecorder.start(router, raw, options),
      anonymised: await RtpRecorder.start(router, anonymised, options),
    };
    try {
      await sleep((options.settleSeconds ?? 1.5) * 1000);
      for (const side of [recorders.raw, recorders.anonymised]) side.clear();
      for (const side of [meters.raw, meters.anonymised]) side.mark();
      await sleep(options.seconds * 1000);
    } finally {
      await Promise.all([recorders.raw.stop(), recorders.anonymised.stop()]);
    }
    return { ...recorders, frames: { raw: [...meters.raw.frameArrivals], anonymised: [...meters.anonymised.frameArrivals] } };
  } finally {
    direct.close();
  }
}

export interface VoiceFigures {
  readonly rawHz: number | null;
  readonly anonymisedHz: number | null;
  /** Signed: positive when the anonymised voice is higher. NaN when a pitch was not found. */
  readonly shiftSemitones: number;
  /** Delay of each tone onset through the anonymiser, ms. */
  readonly delaysMs: number[];
}

export function voiceFigures(pair: RecordedPair): VoiceFigures {
  const raw = pair.raw.pcm();
  const anonymised = pair.anonymised.pcm();
  const rawHz = fundamentalHz(raw.samples, RECORDED_SAMPLE_RATE);
  const anonymisedHz = fundamentalHz(anonymised.samples, RECORDED_SAMPLE_RATE);
  return {
    rawHz,
    anonymisedHz,
    shiftSemitones: rawHz && anonymisedHz ? semitones(rawHz, anonymisedHz) : Number.NaN,
    delaysMs: eventDelays(onsetTimes(raw, RECORDED_SAMPLE_RATE), onsetTimes(anonymised, RECORDED_SAMPLE_RATE), EVENT_PERIOD_MS * 0.8),
  };
}

export interface PictureFigures {
  readonly rawFrames: number;
  readonly anonymisedFrames: number;
  /** Median mean squared Laplacian of the luma, flashes left out. */
  readonly rawHf: number;
  readonly anonymisedHf: number;
  /** anonymised ÷ raw: 0.2 means 80 % of the high-frequency energy removed. */
  readonly hfRatio: number;
  /** Delay of each flash through the anonymiser, ms, decoded on both sides (each side's decoder included). */
  readonly delaysMs: number[];
  /** Delay of every frame through the anonymiser at the RTP level, ms (no decoder on either side). */
  readonly frameDelaysMs: number[];
}

export function pictureFigures(pair: RecordedPair): PictureFigures {
  const rawHf = pictureHfEnergy(pair.raw.frames);
  const anonymisedHf = pictureHfEnergy(pair.anonymised.frames);
  const delaysMs = eventDelays(flashTimes(pair.raw.frames), flashTimes(pair.anonymised.frames), EVENT_PERIOD_MS * 0.8);
  return {
    rawFrames: pair.raw.frames.length,
    anonymisedFrames: pair.anonymised.frames.length,
    rawHf,
    anonymisedHf,
    hfRatio: anonymisedHf / rawHf,
    delaysMs,
    frameDelaysMs: frameDelays(pair.frames.raw, pair.frames.anonymised, median(delaysMs)),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
