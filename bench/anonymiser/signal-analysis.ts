/*
 * Pure measurements on decoded media, for the anonymiser's test and benchmark: the fundamental
 * frequency of a voice (YIN), the high-frequency energy of a picture (mean squared Laplacian),
 * and the arrival times of the witness clip's events (tone onsets, white flashes).
 */

/** Semitones from `from` to `to` (12 per octave; negative: lower). */
export function semitones(from: number, to: number): number {
  return 12 * Math.log2(to / from);
}

/** Median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The fundamental frequency of `samples[start, start + size + maxLag)` by YIN (de Cheveigné and
 * Kawahara, 2002): the cumulative-mean-normalised difference function, its first dip under the
 * threshold, refined by a parabola. A harmonic-rich voice gives its fundamental, not its
 * loudest harmonic. Null when nothing periodic is found between `minHz` and `maxHz`.
 */
export function yinPitch(
  samples: ArrayLike<number>,
  start: number,
  size: number,
  sampleRate: number,
  minHz = 60,
  maxHz = 2000,
): number | null {
  const maxLag = Math.ceil(sampleRate / minHz);
  const minLag = Math.max(2, Math.floor(sampleRate / maxHz));
  if (start + size + maxLag + 1 > samples.length) return null;
  const d = new Float64Array(maxLag + 2);
  for (let lag = 1; lag <= maxLag + 1; lag++) {
    let sum = 0;
    for (let j = 0; j < size; j++) {
      const diff = samples[start + j] - samples[start + j + lag];
      sum += diff * diff;
    }
    d[lag] = sum;
  }
  const cmnd = new Float64Array(maxLag + 2);
  cmnd[0] = 1;
  let running = 0;
  for (let lag = 1; lag <= maxLag + 1; lag++) {
    running += d[lag];
    cmnd[lag] = running > 0 ? (d[lag] * lag) / running : 1;
  }
  const THRESHOLD = 0.15;
  for (let lag = minLag; lag <= maxLag; lag++) {
    if (cmnd[lag] >= THRESHOLD) continue;
    while (lag + 1 <= maxLag && cmnd[lag + 1] < cmnd[lag]) lag++;
    const [a, b, c] = [cmnd[lag - 1], cmnd[lag], cmnd[lag + 1]];
    const denominator = a - 2 * b + c;
    const shift = denominator !== 0 ? (0.5 * (a - c)) / denominator : 0;
    return sampleRate / (lag + Math.max(-1, Math.min(1, shift)));
  }
  return null;
}

/** RMS of consecutive windows of `windowSize` samples. */
export function windowRms(samples: ArrayLike<number>, windowSize: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + windowSize <= samples.length; i += windowSize) {
    let sum = 0;
    for (let j = i; j < i + windowSize; j++) sum += samples[j] * samples[j];
    out.push(Math.sqrt(sum / windowSize));
  }
  return out;
}

/**
 * The fundamental of a recording: the median of YIN over the loud stretches (windows whose RMS
 * is at least half the recording's 90th percentile, away from their edges).
 */
export function fundamentalHz(samples: ArrayLike<number>, sampleRate: number): number | null {
  const size = 2048;
  const rms = windowRms(samples, size);
  const loud = [...rms].sort((a, b) => a - b)[Math.floor(rms.length * 0.9)] ?? 0;
  const pitches: number[] = [];
  for (let w = 1; w + 1 < rms.length; w++) {
    // Loud here and on both sides: inside a tone, not at an onset or a release.
    if (loud === 0 || Math.min(rms[w - 1], rms[w], rms[w + 1]) < loud / 2) continue;
    const pitch = yinPitch(samples, w * size, size, sampleRate);
    if (pitch !== null) pitches.push(pitch);
  }
  return pitches.length > 0 ? median(pitches) : null;
}

/** Mean luma and mean squared Laplacian (4-neighbour) of a grey frame: its high-frequency energy. */
export function pictureMeasures(luma: Uint8Array, width: number, height: number): { meanLuma: number; hfEnergy: number } {
  let sum = 0;
  for (let i = 0; i < width * height; i++) sum += luma[i];
  let energy = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const laplacian = 4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width];
      energy += laplacian * laplacian;
    }
  }
  return { meanLuma: sum / (width * height), hfEnergy: energy / ((width - 2) * (height - 2)) };
}

export interface TimedFrame {
  /** When the decoded frame arrived (ms, performance.now()). */
  readonly atMs: number;
  readonly meanLuma: number;
  readonly hfEnergy: number;
}

/** Frames belonging to a flash: mean luma above halfway between the median frame and the brightest. */
export function flashThreshold(frames: readonly TimedFrame[]): number {
  const lumas = frames.map((f) => f.meanLuma);
  return (median(lumas) + Math.max(...lumas)) / 2;
}

/** Arrival times of the flashes' first frames. */
export function flashTimes(frames: readonly TimedFrame[]): number[] {
  if (frames.length < 2) return [];
  const threshold = flashThreshold(frames);
  const times: number[] = [];
  for (let i = 1; i < frames.length; i++) {
    if (frames[i].meanLuma > threshold && frames[i - 1].meanLuma <= threshold) times.push(frames[i].atMs);
  }
  return times;
}

/** High-frequency energy of the picture outside the flashes: the median over those frames. */
export function pictureHfEnergy(frames: readonly TimedFrame[]): number {
  const threshold = flashThreshold(frames);
  return median(frames.filter((f) => f.meanLuma <= threshold).map((f) => f.hfEnergy));
}

export interface TimedPcm {
  /** Mono samples in arrival order. */
  readonly samples: Int16Array;
  /** For each chunk that arrived: the index of its first sample and when it arrived (ms). */
  readonly chunks: readonly { readonly firstSample: number; readonly atMs: number }[];
}

/**
 * Arrival times of tone onsets: a 5 ms window louder than a quarter of the recording's loud level
 * after at least `minGapMs` of windows under that level (one threshold: a fade-in or a pitch
 * shifter's pre-echo before the onset does not hide it). An onset's time is that of the chunk
 * that brought its first sample over the level.
 */
export function onsetTimes(pcm: TimedPcm, sampleRate: number, minGapMs = 150): number[] {
  const size = Math.round(sampleRate / 200);
  const rms = windowRms(pcm.samples, size);
  const loud = [...rms].sort((a, b) => a - b)[Math.floor(rms.length * 0.95)] ?? 0;
  if (loud === 0) return [];
  const level = loud / 4;
  const gapWindows = Math.round(minGapMs / 5);
  const times: number[] = [];
  // Zero at the start: a recording that starts inside a silence has not seen its whole gap.
  let quiet = 0;
  for (let w = 0; w < rms.length; w++) {
    if (rms[w] < level) {
      quiet++;
      continue;
    }
    if (quiet >= gapWindows) {
      let sample = w * size;
      while (sample < (w + 1) * size - 1 && Math.abs(pcm.samples[sample]) < level) sample++;
      times.push(arrivalOf(pcm, sample));
    }
    quiet = 0;
  }
  return times;
}

function arrivalOf(pcm: TimedPcm, sample: number): number {
  let lo = 0;
  let hi = pcm.chunks.length - 1;
  // The last chunk whose first sample is at or before `sample`.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pcm.chunks[mid].firstSample <= sample) lo = mid;
    else hi = mid - 1;
  }
  return pcm.chunks[lo]?.atMs ?? Number.NaN;
}

/**
 * Pairs each event seen on the raw side with the first one seen on the anonymised side after it
 * (within `maxLagMs`), and returns the delays. Events with no partner (the first, before the
 * anonymiser flowed; the last, cut by the end of the recording) are left out.
 */
export function eventDelays(raw: readonly number[], anonymised: readonly number[], maxLagMs: number): number[] {
  const delays: number[] = [];
  let j = 0;
  for (const t of raw) {
    while (j < anonymised.length && anonymised[j] < t) j++;
    if (j < anonymised.length && anonymised[j] - t <= maxLagMs) {
      delays.push(anonymised[j] - t);
      j++;
    }
  }
  return delays;
}

export interface FrameArrival {
  /** The frame's RTP timestamp. */
  readonly timestamp: number;
  /** When its last packet arrived (ms). */
  readonly atMs: number;
}

/**
 * The delay of each video frame through the anonymiser, at the RTP level (no decoder on either
 * side, so none biases the figure). ffmpeg passes every frame through (`-fps_mode passthrough`)
 * with its input timestamp plus a constant of its own, so an anonymised frame's timestamp is a
 * raw frame's plus that constant. Frames come at a steady rate, so the timestamps alone cannot
 * tell the constant from the constant plus a frame interval or two: every difference between an
 * anonymised frame and a raw frame that arrived shortly before it is a candidate, and of those
 * that most frames agree on, the one whose delays are closest to `nearMs` (the delay of the
 * decoded flashes, which mark one frame on both sides; the least delay when not given) wins.
 */
export function frameDelays(raw: readonly FrameArrival[], anonymised: readonly FrameArrival[], nearMs = 0, maxLagMs = 500): number[] {
  const votes = new Map<number, number>();
  let i = 0;
  for (const a of anonymised) {
    while (i + 1 < raw.length && raw[i + 1].atMs <= a.atMs) i++;
    for (let k = i; k >= 0 && a.atMs - raw[k].atMs <= maxLagMs; k--) {
      if (raw[k].atMs > a.atMs) continue;
      const offset = (a.timestamp - raw[k].timestamp) >>> 0;
      votes.set(offset, (votes.get(offset) ?? 0) + 1);
    }
  }
  const most = Math.max(0, ...votes.values());
  const anonymisedAt = new Map(anonymised.map((a) => [a.timestamp, a.atMs]));
  let chosen: number[] = [];
  let distance = Number.POSITIVE_INFINITY;
  for (const [offset, count] of votes) {
    if (count < most / 2) continue;
    const delays: number[] = [];
    for (const r of raw) {
      const at = anonymisedAt.get((r.timestamp + offset) >>> 0);
      if (at !== undefined && at >= r.atMs) delays.push(at - r.atMs);
    }
    const d = Math.abs(median(delays) - nearMs);
    if (d < distance) [chosen, distance] = [delays, d];
  }
  return chosen;
}
