import {
  type FrameArrival,
  type TimedFrame,
  eventDelays,
  flashTimes,
  frameDelays,
  fundamentalHz,
  onsetTimes,
  pictureHfEnergy,
  pictureMeasures,
  semitones,
  yinPitch,
} from './signal-analysis';

const RATE = 48000;

function tone(hz: number, seconds: number, harmonics: readonly number[] = [1]): Int16Array {
  const out = new Int16Array(Math.round(RATE * seconds));
  for (let i = 0; i < out.length; i++) {
    let v = 0;
    for (const [k, amplitude] of harmonics.entries()) v += amplitude * Math.sin((2 * Math.PI * hz * (k + 1) * i) / RATE);
    out[i] = Math.round(8000 * v);
  }
  return out;
}

describe('signal analysis', () => {
  it('counts semitones', () => {
    expect(semitones(440, 880)).toBeCloseTo(12);
    expect(semitones(440, 440 * Math.pow(2, 7 / 12))).toBeCloseTo(7);
    expect(semitones(440, 220)).toBeCloseTo(-12);
  });

  it('finds the fundamental of a pure tone and of a voice-like tone whose second harmonic is the loudest', () => {
    expect(yinPitch(tone(440, 0.2), 0, 2048, RATE)).toBeCloseTo(440, 0);
    expect(fundamentalHz(tone(659.26, 1), RATE)).toBeCloseTo(659.26, 0);
    expect(fundamentalHz(tone(150, 1, [0.5, 1, 0.3]), RATE)).toBeCloseTo(150, 0);
  });

  it('finds no pitch in silence', () => {
    expect(fundamentalHz(new Int16Array(RATE), RATE)).toBeNull();
  });

  it('measures high-frequency energy: none in a flat picture, much in a checkerboard', () => {
    const flat = new Uint8Array(64 * 36).fill(120);
    const checker = new Uint8Array(64 * 36).map((_, i) => (((i % 64) + Math.floor(i / 64)) % 2 ? 200 : 40));
    expect(pictureMeasures(flat, 64, 36)).toEqual({ meanLuma: 120, hfEnergy: 0 });
    expect(pictureMeasures(checker, 64, 36).hfEnergy).toBeCloseTo((4 * 160) ** 2);
  });

  it('finds the flashes, and leaves them out of the picture energy', () => {
    const frames: TimedFrame[] = Array.from({ length: 90 }, (_, i) => ({
      atMs: i * 33,
      meanLuma: i % 30 < 3 ? 235 : 100,
      hfEnergy: i % 30 < 3 ? 0 : 50,
    }));
    expect(flashTimes(frames)).toEqual([30 * 33, 60 * 33]);
    expect(pictureHfEnergy(frames)).toBe(50);
  });

  it('finds tone onsets after silences, at the arrival of the chunk that brought them', () => {
    const second = new Int16Array(RATE);
    second.set(tone(440, 0.7));
    const samples = new Int16Array(3 * RATE);
    for (let s = 0; s < 3; s++) samples.set(second, s * RATE);
    // 20 ms chunks arriving 5 ms after their last sample was due.
    const chunks = Array.from({ length: 150 }, (_, c) => ({ firstSample: c * 960, atMs: (c + 1) * 20 + 5 }));
    // The first onset is the recording's start (no silence seen before it): not counted.
    expect(onsetTimes({ samples, chunks }, RATE)).toEqual([1025, 2025]);
  });

  it('pairs events across the two sides and leaves the unmatched out', () => {
    expect(eventDelays([1000, 2000, 3000, 4000], [1060, 2055, 3070], 800)).toEqual([60, 55, 70]);
    expect(eventDelays([1000, 2000], [2900], 800)).toEqual([]);
  });

  it('matches frames by timestamp and picks the frame interval the decoded events point to', () => {
    // 30 fps, timestamps 3000 apart; the anonymised copy adds 12345 to them and arrives 40 ms later.
    const raw: FrameArrival[] = Array.from({ length: 60 }, (_, i) => ({ timestamp: 1000 + 3000 * i, atMs: i * 33.3 + (i % 2) * 5 }));
    const anonymised = raw.map((f) => ({ timestamp: (f.timestamp + 12345) >>> 0, atMs: f.atMs + 40 }));
    expect(new Set(frameDelays(raw, anonymised, 38).map((d) => Math.round(d)))).toEqual(new Set([40]));
    // Told nothing, the least delay wins, here one frame interval too short.
    expect(Math.round(Math.min(...frameDelays(raw, anonymised)))).toBeLessThan(40);
  });

  it('matches frames across a timestamp wrap-around', () => {
    const raw: FrameArrival[] = Array.from({ length: 30 }, (_, i) => ({ timestamp: (0xffff0000 + 3000 * i) >>> 0, atMs: i * 33.3 }));
    const anonymised = raw.map((f) => ({ timestamp: (f.timestamp + 0x10000000) >>> 0, atMs: f.atMs + 3 }));
    expect(frameDelays(raw, anonymised, 3).map((d) => Math.round(d))).toEqual(raw.map(() => 3));
  });
});
