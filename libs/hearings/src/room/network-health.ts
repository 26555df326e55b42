import type { NetworkQuality } from '../signalling/signalling-messages';

/**
 * The network-health indicator shown to the judge and to each participant, and the audio-only
 * fallback, computed from the media node's transport statistics. Pure: the media node samples,
 * these functions judge.
 */

export interface HealthSample {
  /** Round trip between node and participant (ms), from RTCP. */
  readonly rttMs: number | null;
  /** Worst share of packets lost in either direction over the interval, 0..1. */
  readonly packetLoss: number | null;
  /** Bitrate the node estimates it can send to the participant (kbit/s). */
  readonly availableKbps: number | null;
}

/**
 * Thresholds of a conversation that still works: beyond 400 ms round trip people talk over each
 * other; beyond 8 % loss speech breaks up even with Opus FEC; below 150 kbit/s only audio fits.
 */
export function assessQuality(sample: HealthSample): NetworkQuality {
  const { rttMs, packetLoss, availableKbps } = sample;
  if (rttMs === null && packetLoss === null && availableKbps === null) return 'unknown';
  if ((rttMs ?? 0) > 400 || (packetLoss ?? 0) > 0.08 || (availableKbps !== null && availableKbps < 150)) return 'poor';
  if ((rttMs ?? 0) > 200 || (packetLoss ?? 0) > 0.02 || (availableKbps !== null && availableKbps < 500)) return 'fair';
  return 'good';
}

export interface AudioOnlyState {
  readonly audioOnly: boolean;
  /** Consecutive samples below the threshold (while video flows) or above the recovery mark (while audio only). */
  readonly streak: number;
  /** Epoch ms when audio-only began, for the periodic retry. */
  readonly since: number | null;
}

export const INITIAL_AUDIO_ONLY: AudioOnlyState = { audioOnly: false, streak: 0, since: null };

/** Samples in a row below the threshold before video stops: one bad reading is not a trend. */
export const LOW_SAMPLES_TO_ENTER = 2;
/** Samples in a row well above the threshold before video comes back: no flapping. */
export const HIGH_SAMPLES_TO_LEAVE = 3;
/**
 * While only audio flows, the bandwidth estimate has little traffic to grow on, so it may never
 * show the link recovered: video is tried again after this long, and stopped again if still too weak.
 */
export const AUDIO_ONLY_RETRY_MS = 30_000;

/**
 * The next audio-only state after one sample. Enters below `thresholdKbps`; leaves above twice
 * the threshold (hysteresis), or on the periodic retry.
 */
export function nextAudioOnly(state: AudioOnlyState, availableKbps: number | null, thresholdKbps: number, now: number): AudioOnlyState {
  if (thresholdKbps <= 0 || availableKbps === null) return state.audioOnly ? state : { ...state, streak: 0 };
  if (!state.audioOnly) {
    const streak = availableKbps < thresholdKbps ? state.streak + 1 : 0;
    return streak >= LOW_SAMPLES_TO_ENTER ? { audioOnly: true, streak: 0, since: now } : { audioOnly: false, streak, since: null };
  }
  if (state.since !== null && now - state.since >= AUDIO_ONLY_RETRY_MS) return INITIAL_AUDIO_ONLY;
  const streak = availableKbps >= thresholdKbps * 2 ? state.streak + 1 : 0;
  return streak >= HIGH_SAMPLES_TO_LEAVE ? INITIAL_AUDIO_ONLY : { ...state, streak };
}
