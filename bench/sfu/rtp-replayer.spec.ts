import { buildClip } from './rtp-clip';
import { RtpReplayer, frameStarts, seededRandom } from './rtp-replayer';

/** A plain RTP packet: version 2, no extension, payload type 96. */
function packet(seq: number, timestamp: number, marker = false): Buffer {
  const b = Buffer.alloc(20);
  b[0] = 0x80;
  b[1] = (marker ? 0x80 : 0) | 96;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(timestamp >>> 0, 4);
  b.writeUInt32BE(2222, 8);
  return b;
}

/** A 10-frame video clip at 30 fps (3,000 ticks a frame), two packets per frame. */
function videoClip() {
  const raw: Buffer[] = [];
  for (let f = 0; f < 10; f++) {
    raw.push(packet(65530 + 2 * f, 4_294_960_000 + 3000 * f), packet(65531 + 2 * f, 4_294_960_000 + 3000 * f, true));
  }
  return buildClip('video', raw);
}

describe('RTP clips and their replay', () => {
  it('derives the clip timing from RTP timestamps, across the 32-bit wrap', () => {
    const sut = videoClip();
    expect(sut.packets).toHaveLength(20);
    expect(sut.durationTicks).toBe(30_000);
    expect(sut.durationMs).toBeCloseTo(333.33, 1);
    expect(sut.packets[2].offsetMs).toBeCloseTo(33.33, 1);
    expect(sut.packetsPerSecond).toBeCloseTo(60, 5);
  });

  it('refuses a clip with a hole in its sequence numbers', () => {
    const raw = [packet(1, 0), packet(2, 0), packet(4, 3000), ...Array.from({ length: 10 }, (_, i) => packet(5 + i, 6000 + 3000 * i))];
    expect(() => buildClip('video', raw)).toThrow(/lost packets/);
  });

  it('finds where each frame starts', () => {
    expect(frameStarts(videoClip())).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('gives the same phases for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  describe('a replayed stream', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('runs on across loops with continuous sequence numbers and growing timestamps, on time', () => {
      const clip = videoClip();
      const sent: Buffer[] = [];
      const sut = new RtpReplayer(5);
      sut.add(clip, (p) => sent.push(p), seededRandom(7));
      sut.start();
      // Three loops of the clip and a little more.
      jest.advanceTimersByTime(1100);
      sut.stop();

      expect(sent.length).toBeGreaterThanOrEqual(60);
      for (let i = 1; i < sent.length; i++) {
        expect(sent[i].readUInt16BE(2)).toBe((sent[i - 1].readUInt16BE(2) + 1) & 0xffff);
        const step = (sent[i].readUInt32BE(4) - sent[i - 1].readUInt32BE(4)) >>> 0;
        // After a frame's last packet (marker bit), the next frame is 3,000 ticks on, also across a loop.
        const endOfFrame = (sent[i - 1][1] & 0x80) !== 0;
        expect(step).toBe(endOfFrame ? 3000 : 0);
      }
      expect(sut.timing()).toEqual({ packets: sent.length, late: 0, maxLateMs: expect.any(Number) });
      expect(sut.timing().maxLateMs).toBeLessThanOrEqual(5);
    });
  });
});
