import { SequenceCounter, formatTable, percentile, ratio, summarise, windowLoss } from './statistics';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(100);
    expect(percentile(sorted, 90)).toBe(90);
    expect(percentile(sorted, 0)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted samples', () => {
    const sut = summarise([300, 100, 200, 400, 1000]);
    expect(sut).toEqual({ count: 5, min: 100, p50: 300, p95: 1000, p99: 1000, max: 1000, mean: 400 });
  });

  it('gives no ratio against zero', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });

  describe('SequenceCounter', () => {
    it('extends sequence numbers across the 16-bit wrap', () => {
      const sut = new SequenceCounter();
      for (const seq of [65533, 65534, 65535, 0, 1]) sut.note(seq);
      expect(sut.received).toBe(5);
      expect(sut.extendedHighest).toBe(65536 + 1);
    });

    it('ignores late and repeated packets for the highest, but counts them as received', () => {
      const sut = new SequenceCounter();
      for (const seq of [100, 102, 101, 102]) sut.note(seq);
      expect(sut.extendedHighest).toBe(102);
      expect(sut.received).toBe(4);
    });

    it('knows nothing before the first packet', () => {
      expect(new SequenceCounter().extendedHighest).toBe(-1);
    });
  });

  describe('windowLoss', () => {
    it('counts the gaps between the sequence numbers at both edges', () => {
      // 100 packets expected (highest 1000 -> 1100), 97 arrived.
      expect(windowLoss({ highestBefore: 1000, highestAfter: 1100, receivedBefore: 500, receivedAfter: 597, sentInWindow: 100 })).toEqual({
        expected: 100,
        lost: 3,
      });
    });

    it('counts a stream that received nothing in the window as all lost, from what its sender sent', () => {
      expect(windowLoss({ highestBefore: 1000, highestAfter: 1000, receivedBefore: 500, receivedAfter: 500, sentInWindow: 250 })).toEqual({
        expected: 250,
        lost: 250,
      });
    });

    it('falls back on what was sent for a stream that started inside the window', () => {
      expect(windowLoss({ highestBefore: -1, highestAfter: 40_000, receivedBefore: 0, receivedAfter: 90, sentInWindow: 100 })).toEqual({
        expected: 100,
        lost: 10,
      });
    });

    it('never reports negative loss for duplicates', () => {
      expect(windowLoss({ highestBefore: 10, highestAfter: 20, receivedBefore: 0, receivedAfter: 12, sentInWindow: 10 }).lost).toBe(0);
    });
  });

  it('aligns a table: first column left, the others right', () => {
    const sut = formatTable(
      ['side', 'pkt/s'],
      [
        ['platform', '12'],
        ['bare', '1234'],
      ],
    );
    expect(sut.split('\n')).toEqual(['side      pkt/s', '--------  -----', 'platform     12', 'bare       1234']);
  });
});
