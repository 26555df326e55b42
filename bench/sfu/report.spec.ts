import type { SideFigures } from './measure';
import { carriedStep, summarize } from './report';

function figures(over: Partial<SideFigures> & Pick<SideFigures, 'side' | 'consumers'>): SideFigures {
  return {
    hearings: over.consumers / 24,
    participantsPerHearing: 4,
    routersPerWorker: [1, 1],
    producers: 0,
    consumersForwarding: over.consumers,
    consumersPaused: 0,
    seconds: 15,
    offeredPps: 0,
    forwardedPps: over.consumers * 60,
    forwardedMbps: 0,
    retransmittedPps: 0,
    receivedPps: over.consumers * 60,
    receiverLossPct: 0,
    silentConsumers: 0,
    ingestLossPct: 0,
    cpu: { workers: over.consumers / 10, workersRusage: 0, sfuNode: 1, generator: 30, machine: 50 },
    workerCpuPerKpps: 1000 / 600,
    generator: { latePct: 0, maxLateMs: 5, loopDelayP99Ms: 10 },
    limitedBy: [],
    ...over,
  };
}

describe('the benchmark summary', () => {
  const steps = [
    { hearings: 2, platform: figures({ side: 'platform', consumers: 48 }), bare: figures({ side: 'bare', consumers: 48 }) },
    {
      hearings: 4,
      platform: figures({ side: 'platform', consumers: 96, receiverLossPct: 3 }),
      bare: figures({ side: 'bare', consumers: 96 }),
    },
    {
      hearings: 6,
      platform: figures({ side: 'platform', consumers: 144, consumersForwarding: 140 }),
      bare: figures({ side: 'bare', consumers: 144, limitedBy: ['generator'] }),
    },
  ];

  it('carries the largest step with every consumer forwarding, loss within the threshold and the generator keeping up', () => {
    expect(carriedStep(steps, 'platform', 1)?.consumers).toBe(48);
    expect(carriedStep(steps, 'platform', 5)?.consumers).toBe(96);
    expect(carriedStep(steps, 'bare', 1)?.consumers).toBe(96);
    expect(carriedStep([], 'bare', 1)).toBeUndefined();
  });

  it('gives the platform ÷ bare ratios of the carried steps', () => {
    const sut = summarize(steps, 1);
    expect(sut.platform.carriedConsumers).toBe(48);
    expect(sut.bare.carriedConsumers).toBe(96);
    expect(sut.ratio.carriedConsumers).toBe(0.5);
    // 48 consumers on 4.8 % of a core: 1,000 per core; the same cost per consumer on the bare side.
    expect(sut.platform.consumersPerWorkerCoreExtrapolated).toBeCloseTo(1000, 6);
    expect(sut.ratio.consumersPerWorkerCoreExtrapolated).toBeCloseTo(1, 6);
  });
});
