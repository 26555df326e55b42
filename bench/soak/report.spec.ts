import { memoryFigures } from './report';
import type { Sample } from './sampler';

/** A churn sample every 10 s: a flat live heap under a garbage sawtooth, an RSS step, and workers growing by `workersPerMin`. */
function churnSamples(minutes: number, workersPerMin: number): Sample[] {
  return Array.from({ length: minutes * 6 }, (_, i) => {
    const atSeconds = 100 + (i + 1) * 10;
    const node = { rssMb: i < 20 ? 290 : 175, heapMb: 60 + (i % 6) * 8, heapTotalMb: 190, externalMb: 10 };
    return {
      atSeconds,
      phase: 'churn',
      media: { ...node, workersRssMb: 48 + (workersPerMin * (i + 1)) / 6, consumers: 440, workerDeaths: 0 },
      api: node,
      runner: { rssMb: 300, heapMb: 80 },
      cpu: { mediaNode: 1, workers: 15, api: 0, runner: 23, machine: 50 },
      loss: { expected: 150_000, lost: 0, pct: 0 },
      held: 440,
      generator: { latePct: 0, loopDelayP99Ms: 12 },
      errors: 0,
      udpDrops: { load: 0, workers: 0 },
    };
  });
}

describe('memoryFigures', () => {
  it('judges the heap by each minute’s floor, and shows a Node process’s RSS without judging it', () => {
    const sut = memoryFigures(churnSamples(10, 0), 100, 60, 1);
    const heap = sut.find((f) => f.series === 'media node heap used, floor per minute');
    expect(heap).toMatchObject({ judged: true, verdict: 'flat', startMb: 60, endMb: 60 });
    expect(heap?.trend.slopePerMin).toBeCloseTo(0);
    // The RSS step down reads as a steep fall: shown, never a reason to fail.
    expect(sut.find((f) => f.series === 'media node RSS')).toMatchObject({ judged: false, startMb: 290, endMb: 175 });
  });

  it('calls the workers growing when they grow faster than the threshold, beyond noise', () => {
    const grows = memoryFigures(churnSamples(10, 3), 100, 60, 1).find((f) => f.series === 'mediasoup workers RSS');
    expect(grows?.verdict).toBe('grows');
    expect(grows?.trend.slopePerMin).toBeCloseTo(3);
    const slow = memoryFigures(churnSamples(10, 0.2), 100, 60, 1).find((f) => f.series === 'mediasoup workers RSS');
    expect(slow?.verdict).toBe('flat');
  });
});
