import { linearTrend, memoryVerdict, soakVerdict, streamLoss, summariseLoss } from './figures';
import { floorPerMinute } from './report';

describe('soak figures', () => {
  describe('streamLoss', () => {
    it('expects the span of sequence numbers seen and counts what did not arrive', () => {
      expect(streamLoss({ base: 100, extendedHighest: 199, received: 97 })).toEqual({ expected: 100, received: 97, lost: 3 });
    });

    it('follows the sequence numbers past a wrap-around', () => {
      // Base 65530, six packets to 65535, then 0..9 on the next cycle: 16 expected.
      expect(streamLoss({ base: 65_530, extendedHighest: 65_536 + 9, received: 15 })).toEqual({ expected: 16, received: 15, lost: 1 });
    });

    it('never counts duplicates as negative loss, and a silent stream as nothing expected', () => {
      expect(streamLoss({ base: 10, extendedHighest: 19, received: 12 }).lost).toBe(0);
      expect(streamLoss({ base: -1, extendedHighest: -1, received: 0 })).toEqual({ expected: 0, received: 0, lost: 0 });
    });
  });

  describe('summariseLoss', () => {
    it('gives the overall share and percentiles over receivers that expected something', () => {
      const sut = summariseLoss([
        { expected: 1000, lost: 0 },
        { expected: 1000, lost: 10 },
        { expected: 2000, lost: 0 },
        { expected: 0, lost: 0 },
      ]);
      expect(sut.receivers).toBe(3);
      expect(sut.expected).toBe(4000);
      expect(sut.lost).toBe(10);
      expect(sut.overallPct).toBeCloseTo(0.25);
      expect(sut.p50Pct).toBe(0);
      expect(sut.p99Pct).toBeCloseTo(1);
      expect(sut.maxPct).toBeCloseTo(1);
    });
  });

  describe('linearTrend', () => {
    it('finds the slope of a straight line, with no uncertainty', () => {
      const sut = linearTrend([0, 1, 2, 3, 4].map((m) => ({ minutes: m, value: 100 + 2.5 * m })));
      expect(sut.slopePerMin).toBeCloseTo(2.5);
      expect(sut.ci95PerMin).toBeCloseTo(0);
    });

    it('gives a wide interval to a noisy series without a trend', () => {
      const sut = linearTrend([0, 1, 2, 3, 4, 5].map((m) => ({ minutes: m, value: m % 2 === 0 ? 90 : 110 })));
      expect(Math.abs(sut.slopePerMin)).toBeLessThan(sut.ci95PerMin);
    });

    it('has no slope under two points or without spread in time', () => {
      expect(linearTrend([{ minutes: 1, value: 5 }]).slopePerMin).toBeNaN();
      expect(
        linearTrend([
          { minutes: 1, value: 5 },
          { minutes: 1, value: 6 },
        ]).slopePerMin,
      ).toBeNaN();
    });
  });

  describe('floorPerMinute', () => {
    it('keeps the lowest value of each whole minute, at its middle, and leaves out minutes with too few values', () => {
      // A garbage-collection sawtooth on a flat live set: every minute's floor is 50.
      const sawtooth = Array.from({ length: 18 }, (_, i) => ({ minutes: 1 + i / 6, value: 50 + (i % 6) * 10 }));
      const sut = floorPerMinute([...sawtooth, { minutes: 4.1, value: 10 }], 1);
      expect(sut).toEqual([
        { minutes: 1.5, value: 50 },
        { minutes: 2.5, value: 50 },
        { minutes: 3.5, value: 50 },
      ]);
      expect(linearTrend(sut).slopePerMin).toBeCloseTo(0);
    });
  });

  describe('memoryVerdict', () => {
    it('calls a series growing only when it is above the threshold and beyond noise', () => {
      expect(memoryVerdict({ points: 50, slopePerMin: 3, ci95PerMin: 0.5 }, 1)).toBe('grows');
      expect(memoryVerdict({ points: 50, slopePerMin: 3, ci95PerMin: 4 }, 1)).toBe('flat');
      expect(memoryVerdict({ points: 50, slopePerMin: 0.8, ci95PerMin: 0.1 }, 1)).toBe('flat');
      expect(memoryVerdict({ points: 50, slopePerMin: -5, ci95PerMin: 0.1 }, 1)).toBe('flat');
      expect(memoryVerdict({ points: 1, slopePerMin: Number.NaN, ci95PerMin: Number.NaN }, 1)).toBe('unknown');
    });
  });

  describe('soakVerdict', () => {
    const loss = summariseLoss([{ expected: 10_000, lost: 5 }]);

    it('passes with no errors, loss below the threshold and flat memory', () => {
      expect(soakVerdict({ errors: 0, loss, maxLossPct: 1, memory: [{ series: 'media node RSS', verdict: 'flat' }] })).toEqual({
        pass: true,
        reasons: [],
      });
    });

    it('fails on any error, on loss at the threshold, on memory that grows, and when nothing was received', () => {
      const sut = soakVerdict({
        errors: 2,
        loss: summariseLoss([{ expected: 1000, lost: 10 }]),
        maxLossPct: 1,
        memory: [{ series: 'api heap used', verdict: 'grows' }],
      });
      expect(sut.pass).toBe(false);
      expect(sut.reasons).toEqual(['2 errors', 'loss 1.000 % is not below 1 %', 'api heap used grows']);
      expect(soakVerdict({ errors: 0, loss: summariseLoss([]), maxLossPct: 1, memory: [] }).reasons).toEqual(['no media was received']);
    });
  });
});
