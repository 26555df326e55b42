import type { SideFigures } from './measure';
import type { OrderFigures } from './order-changes';
import { roundSample, summariseRounds } from './order-rounds';
import { PROTECTION_GOAL_MS, type ProtectionSample, summariseProtection } from './chromium-protection';
import { carriedStep, ordersTable, protectionTable, summarize } from './report';

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

describe('the order rounds table', () => {
  function orders(closeMs: readonly number[]): OrderFigures {
    const samples = closeMs.map((ms) =>
      roundSample({
        makeSent: 0,
        makeAnswered: 20,
        makeNotice: 18,
        closes: [ms],
        revokeSent: 500,
        revokeAnswered: 520,
        revokeNotice: null,
        reopens: [560],
      }),
    );
    const intervals = summariseRounds(samples);
    return {
      rounds: samples.length,
      witnesses: 6,
      consumersPerRound: 10,
      consumers: 84,
      intervals,
      goal: { p99Ms: 100, met: intervals.makeToLastClose.p99 <= 100 },
      loopDelay: { p99Ms: 12, maxMs: 30 },
      samples,
      definition: 'one hearing',
    };
  }

  it('prints p50, p95, p99 and max of each interval, and whether the goal was met', () => {
    const sut = ordersTable(orders([40, 50, 60])).split('\n');
    expect(sut[0]).toMatch(/^interval \(ms\)\s+n\s+min\s+p50\s+p95\s+p99\s+max$/);
    expect(sut[2]).toMatch(/^order made -> last forbidden consumer closed\s+3\s+40\.0\s+50\.0\s+60\.0\s+60\.0\s+60\.0$/);
    // No notice seen for the revocations: that row is empty rather than wrong.
    expect(sut.find((l) => l.includes('order lifted -> notice on Redis'))).toMatch(/\s0\s+–\s+–\s+–\s+–\s+–$/);
    expect(sut).toContain('goal: order made -> last forbidden consumer closed, p99 <= 100 ms: met (p99 60.0 ms over 3 rounds).');
    expect(ordersTable(orders([40, 150])).split('\n')).toContain(
      'goal: order made -> last forbidden consumer closed, p99 <= 100 ms: NOT met (p99 150.0 ms over 2 rounds).',
    );
  });
});

describe('the protection table', () => {
  const round = (liftToConsumerMs: number): ProtectionSample => ({
    liftToConsumerMs,
    liftToFrameMs: liftToConsumerMs + 200,
    liftToAnswerMs: 40,
    screenToGoneMs: 90,
    screenToAnswerMs: 35,
    breakToAlertMs: 30,
  });
  const table = (liftMs: readonly number[]) => {
    const samples = liftMs.map(round);
    return protectionTable({
      goalMs: PROTECTION_GOAL_MS,
      intervals: summariseProtection(samples, PROTECTION_GOAL_MS),
      loadAverage: { before: '1.20 0.90 0.70', after: '1.40 1.00 0.75' },
      samples,
      definition: 'three pages',
    }).split('\n');
  };

  it('prints p50, p95 and max of each interval, the rounds within a second, and each goal met or not', () => {
    const sut = table([180, 240, 1388]);
    expect(sut[0]).toMatch(/^interval \(ms\)\s+n\s+min\s+p50\s+p95\s+max\s+<= 1 s$/);
    expect(sut[2]).toMatch(/^screen lifted -> her camera held \(defendant's page\)\s+3\s+180\s+240\s+1388\s+1388\s+2\/3$/);
    expect(sut).toContain(
      "  screen lifted -> her camera held (defendant's page): NOT met, 2 of 3 rounds within it (p50 240 ms, p95 1388 ms, max 1388 ms)",
    );
    expect(sut).toContain("  break pressed -> alert on the judge's page: met, 3 of 3 rounds within it (p50 30 ms, p95 30 ms, max 30 ms)");
    expect(sut).toContain('load average as the phase began 1.20 0.90 0.70, as it ended 1.40 1.00 0.75.');
    expect(table([180]).find((l) => l.startsWith('  screen lifted -> her camera held'))).toMatch(/: met, 1 of 1 rounds within it/);
  });
});
