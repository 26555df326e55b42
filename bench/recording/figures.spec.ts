import type { SideFigures } from '../sfu/measure';
import { carried, costPer, forwardedShare, nodeCpu, type RecordingStep, stepCosts, summarizeRecording } from './figures';

function figures(over: Partial<SideFigures> & { hearings: number }, cpu: Partial<SideFigures['cpu']> = {}): SideFigures {
  const consumers = over.hearings * 60;
  return {
    side: 'platform',
    participantsPerHearing: 6,
    routersPerWorker: [1, 1],
    producers: over.hearings * 12,
    consumers,
    consumersForwarding: consumers,
    consumersPaused: 0,
    seconds: 15,
    // 12 producers per hearing sending 60 packets/s each, to 5 consumers each.
    offeredPps: over.hearings * 720,
    forwardedPps: consumers * 60,
    forwardedMbps: 0,
    retransmittedPps: 0,
    receivedPps: consumers * 60,
    receiverLossPct: 0,
    silentConsumers: 0,
    ingestLossPct: 0,
    workerCpuPerKpps: 1,
    generator: { latePct: 0, maxLateMs: 5, loopDelayP99Ms: 10 },
    limitedBy: [],
    ...over,
    cpu: { workers: 20, workersRusage: 20, sfuNode: 5, generator: 40, machine: 50, recordingFfmpeg: 0, otherChildren: 0, ...cpu },
  };
}

const recorded = (hearings: number, ffmpeg: number, over: Partial<SideFigures> = {}) =>
  figures({ hearings, recordingFfmpegProcesses: hearings * 12, ...over }, { workers: 22, recordingFfmpeg: ffmpeg });

describe('the cost of recording and interpretation', () => {
  it("adds the media node's processes: workers, Node and its children", () => {
    expect(nodeCpu(figures({ hearings: 1 }, { recordingFfmpeg: 6, otherChildren: 1 })).total).toBe(32);
    // A run that did not read the children counts none.
    expect(nodeCpu(figures({ hearings: 1 }, { recordingFfmpeg: undefined, otherChildren: undefined })).total).toBe(25);
  });

  it('divides the difference with plain forwarding by the recorded producers and the channels', () => {
    const step: RecordingStep = {
      hearings: 2,
      modes: {
        off: figures({ hearings: 2 }),
        // 24 producers: workers +2, ffmpeg 12: 14 % more, 0.583 % each.
        record: recorded(2, 12),
        interpretation: figures({ hearings: 2, consumers: 114, consumersForwarding: 114 }, { workers: 19 }),
      },
    };
    const sut = stepCosts(step);
    expect(sut.recordedProducers).toBe(24);
    expect(sut.recordingPerProducerPct).toBeCloseTo(14 / 24, 9);
    expect(sut.ffmpegPerProcessPct).toBeCloseTo(0.5, 9);
    // Fewer consumers: interpretation may cost less than nothing.
    expect(sut.interpretationPerChannelPct).toBeCloseTo(-0.5, 9);
    expect(costPer(undefined, step.modes.off, 24)).toBeNull();
    expect(costPer(step.modes.record, step.modes.off, 0)).toBeNull();
  });

  it('takes no difference where the media node forwarded less than its load asked', () => {
    expect(forwardedShare(figures({ hearings: 2 }))).toBeCloseTo(1, 9);
    // 93 % of the packets: starved workers lost some on the way in.
    const starved = figures({ hearings: 2, forwardedPps: 2 * 3600 * 0.93 }, { workers: 8 });
    const silent = figures({ hearings: 2, consumersForwarding: 100 });
    expect(costPer(recorded(2, 12), starved, 24)).toBeNull();
    expect(costPer(recorded(2, 12), silent, 24)).toBeNull();
    // Loss at the receivers (in the starved generator) does not make the node's work differ.
    expect(costPer(recorded(2, 12, { receiverLossPct: 4 }), figures({ hearings: 2 }), 24)).toBeCloseTo(14 / 24, 9);
  });

  it('carries a recorded step with forwarding intact, the media node within the cores and every producer recorded', () => {
    expect(carried(recorded(1, 6), 'record', 1, 2)).toBe(true);
    expect(carried(recorded(1, 6, { recordingFfmpegProcesses: 11 }), 'record', 1, 2)).toBe(false);
    expect(carried(recorded(1, 6, { receiverLossPct: 1.5 }), 'record', 1, 2)).toBe(false);
    expect(carried(recorded(1, 6, { consumersForwarding: 59 }), 'record', 1, 2)).toBe(false);
    // 22 + 5 + 6 = 33 %: more than one core's worth is too much for a one-core machine only.
    expect(carried(figures({ hearings: 1, recordingFfmpegProcesses: 12 }, { workers: 95, recordingFfmpeg: 6 }), 'record', 1, 1)).toBe(
      false,
    );
    expect(carried(figures({ hearings: 1, recordingFfmpegProcesses: 12 }, { workers: 95, recordingFfmpeg: 6 }), 'record', 1, 2)).toBe(true);
    // A generator starved by the machine is shown, not held against the media node.
    expect(carried(recorded(1, 6, { limitedBy: ['generator', 'machine'] }), 'record', 1, 2)).toBe(true);
    // Without recording, no ffmpeg is expected.
    expect(carried(figures({ hearings: 1 }), 'off', 1, 2)).toBe(true);
    expect(carried(undefined, 'off', 1, 2)).toBe(false);
  });

  it('pools the costs over the sweep and names the largest recorded step carried', () => {
    const steps: RecordingStep[] = [
      { hearings: 1, modes: { off: figures({ hearings: 1 }), record: recorded(1, 6) } },
      { hearings: 2, modes: { off: figures({ hearings: 2 }), record: recorded(2, 12) } },
      // Its baseline forwarded half its load; its recording lost 4 % at the receivers.
      {
        hearings: 3,
        modes: { off: figures({ hearings: 3, forwardedPps: 3 * 3600 * 0.5 }), record: recorded(3, 18, { receiverLossPct: 4 }) },
      },
      { hearings: 4, modes: { off: figures({ hearings: 4 }) } },
    ];
    const sut = summarizeRecording(steps, 2, 1);
    // (8 + 14) % over 36 producers: the third step's baseline did less work.
    expect(sut.recordingPerProducer.pct).toBeCloseTo(22 / 36, 9);
    expect(sut.recordingPerProducer.steps).toEqual([1, 2]);
    expect(sut.recordingPerProducer.pairs).toBe(3);
    expect(sut.interpretationPerChannel).toEqual({ pct: null, steps: [], pairs: 0 });
    expect(sut.carriedRecordedHearings).toBe(2);
    expect(sut.carriedStepLimitedBy).toEqual([]);
    // 22 + 5 + 12 = 39 % for two hearings: 19.5 % each, 10 on 200 %.
    expect(sut.nodeCpuPerRecordedHearingPct).toBeCloseTo(19.5, 9);
    expect(sut.recordedHearingsExtrapolated).toBe(10);
    expect(summarizeRecording([], 2, 1)).toEqual({
      recordingPerProducer: { pct: null, steps: [], pairs: 0 },
      interpretationPerChannel: { pct: null, steps: [], pairs: 0 },
      carriedRecordedHearings: null,
      carriedStepLimitedBy: [],
      nodeCpuPerRecordedHearingPct: null,
      recordedHearingsExtrapolated: null,
    });
  });
});
