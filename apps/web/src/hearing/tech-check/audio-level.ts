/**
 * The microphone level meter's arithmetic, apart from the Web Audio plumbing so it can be tested.
 *
 * The meter shows loudness on a decibel scale, the way ears hear it: a linear RMS scale would
 * leave ordinary speech in the bottom fifth of the bar, and a person who sees the bar barely move
 * concludes that the court cannot hear them.
 */

/** Quieter than this (dBFS) is silence as far as the meter is concerned: room noise, a fan. */
export const SILENCE_FLOOR_DB = -60;

/** Root mean square of PCM samples in [-1, 1]. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) sum += samples[i] * samples[i];
  return Math.sqrt(sum / samples.length);
}

/** Loudness of a frame as a fraction of the meter, 0 (at or below the floor) to 1 (full scale). */
export function meterLevel(samples: ArrayLike<number>): number {
  const value = rms(samples);
  if (value <= 0) return 0;
  const db = 20 * Math.log10(value);
  if (db <= SILENCE_FLOOR_DB) return 0;
  return Math.min(1, (db - SILENCE_FLOOR_DB) / -SILENCE_FLOOR_DB);
}

/** A level the meter counts as a voice rather than background noise (about -36 dBFS). */
export const VOICE_LEVEL = 0.4;

/**
 * Smooths the meter: rises at once (so a word shows immediately) and falls slowly (so the bar
 * does not flicker, which is tiring to watch and hard to read).
 */
export function smoothLevel(previous: number, next: number, fallPerFrame = 0.06): number {
  return next >= previous ? next : Math.max(next, previous - fallPerFrame);
}
