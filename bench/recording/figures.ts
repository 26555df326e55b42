/*
 * The recording benchmark's arithmetic and tables: the media node's CPU per step and mode, the
 * cost of recording per recorded producer and of interpretation per channel (each the difference
 * with plain forwarding under the same load), and how many recorded hearings the machine carried.
 */
import type { SideFigures } from '../sfu/measure';
import { fmt, formatTable } from '../sfu/statistics';
import type { Mode } from './options';

/** One step: N hearings, measured once per mode on a fresh media node with the same streams. */
export interface RecordingStep {
  readonly hearings: number;
  readonly modes: Partial<Record<Mode, SideFigures>>;
  /** Segments the recorded hearings registered by the time their media node was stopped (null: not read). */
  readonly segmentsRegistered?: number | null;
}

/** The media node's CPU over the window, in % of one core. */
export interface NodeCpu {
  readonly workers: number;
  readonly node: number;
  readonly recordingFfmpeg: number;
  /** Other children of the node (an anonymiser's ffmpeg) and children that ended in the window. */
  readonly otherChildren: number;
  readonly total: number;
}

export function nodeCpu(f: SideFigures): NodeCpu {
  const recordingFfmpeg = f.cpu.recordingFfmpeg ?? 0;
  const otherChildren = f.cpu.otherChildren ?? 0;
  return {
    workers: f.cpu.workers,
    node: f.cpu.sfuNode,
    recordingFfmpeg,
    otherChildren,
    total: f.cpu.workers + f.cpu.sfuNode + recordingFfmpeg + otherChildren,
  };
}

/** Every producer of a recorded hearing is recorded: the producers of the step. */
export function recordedProducers(f: SideFigures): number {
  return f.producers;
}

/** The recording ran for every producer through the window: one recording ffmpeg each. */
export function recordingComplete(f: SideFigures): boolean {
  return f.producers > 0 && (f.recordingFfmpegProcesses ?? 0) >= f.producers;
}

/**
 * A step carried with live forwarding intact: every consumer forwarding, end-to-end loss at the
 * receivers within the threshold, the media node (workers, Node, children) under all the
 * machine's cores, and, when recorded, the recording running for every producer. Unlike the SFU
 * benchmark's `carriedStep`, a load generator that fell behind does not disqualify the step: on a
 * machine shared with other work it is the generator, one Node thread, that is starved first, and
 * its lateness is shown beside the figures (`limited by`) rather than read as the media node's.
 */
export function carried(f: SideFigures | undefined, mode: Mode, thresholdPct: number, cores: number): boolean {
  if (!f || f.consumers === 0 || f.consumersForwarding !== f.consumers || f.receiverLossPct > thresholdPct) return false;
  if (nodeCpu(f).total >= cores * 100) return false;
  return mode !== 'record' || recordingComplete(f);
}

export interface StepCosts {
  readonly hearings: number;
  readonly recordedProducers: number | null;
  /** (media node CPU recording − without) ÷ recorded producers: % of one core per recorded producer. */
  readonly recordingPerProducerPct: number | null;
  /** The recording ffmpegs alone ÷ their number: % of one core per recording pipeline. */
  readonly ffmpegPerProcessPct: number | null;
  /** (media node CPU with interpretation − without) ÷ channels (one per hearing): % of one core per channel. */
  readonly interpretationPerChannelPct: number | null;
}

/** A measurement that forwarded less than this share of what its load asked did less work than the others. */
export const FORWARDED_SHARE_MIN = 0.95;

/**
 * What the media node forwarded ÷ what its load asked: the packets the generator sent times the
 * consumers per producer. Below 1 when packets were lost on the way in (the workers starved of CPU)
 * or consumers fell silent.
 */
export function forwardedShare(f: SideFigures): number {
  const asked = f.producers > 0 ? (f.offeredPps * f.consumers) / f.producers : 0;
  return asked > 0 ? f.forwardedPps / asked : 0;
}

/**
 * The media node did the forwarding its load asked for (every consumer forwarding, at least
 * FORWARDED_SHARE_MIN of the packets): only then is its CPU comparable with another measurement's.
 * On a machine shared with other work the starved media node forwards less and uses less CPU,
 * and the shortfall would read as a saving. Loss at the receivers does not count here: the
 * receivers live in the load generator, whose own starvation drops packets the node did forward.
 */
export function comparable(f: SideFigures): boolean {
  return f.consumers > 0 && f.consumersForwarding === f.consumers && forwardedShare(f) >= FORWARDED_SHARE_MIN;
}

/**
 * `(with − without) ÷ count`, or null when either is missing, either is not `comparable`, or
 * there is nothing to divide by.
 */
export function costPer(withIt: SideFigures | undefined, without: SideFigures | undefined, count: number | null): number | null {
  if (!withIt || !without || count === null || count <= 0) return null;
  if (!comparable(withIt) || !comparable(without)) return null;
  return (nodeCpu(withIt).total - nodeCpu(without).total) / count;
}

export function stepCosts(step: RecordingStep): StepCosts {
  const { off, record, interpretation } = step.modes;
  const producers = record ? recordedProducers(record) : null;
  const processes = record?.recordingFfmpegProcesses ?? 0;
  return {
    hearings: step.hearings,
    recordedProducers: producers,
    recordingPerProducerPct: costPer(record, off, producers),
    ffmpegPerProcessPct: record && processes > 0 ? nodeCpu(record).recordingFfmpeg / processes : null,
    interpretationPerChannelPct: costPer(interpretation, off, interpretation ? step.hearings : null),
  };
}

/** A cost over the whole sweep: Σ(with − without) ÷ Σ count, over the steps whose pair is `comparable`. */
export interface PooledCost {
  readonly pct: number | null;
  /** The steps it is taken over. */
  readonly steps: readonly number[];
  /** Steps that measured the mode and its baseline at all (comparable or not). */
  readonly pairs: number;
}

function pooled(steps: readonly RecordingStep[], mode: 'record' | 'interpretation'): PooledCost {
  let extra = 0;
  let count = 0;
  const counted: number[] = [];
  let pairs = 0;
  for (const s of steps) {
    const withIt = s.modes[mode];
    const without = s.modes.off;
    if (!withIt || !without) continue;
    pairs++;
    if (!comparable(withIt) || !comparable(without)) continue;
    extra += nodeCpu(withIt).total - nodeCpu(without).total;
    count += mode === 'record' ? recordedProducers(withIt) : s.hearings;
    counted.push(s.hearings);
  }
  return { pct: count > 0 ? extra / count : null, steps: counted, pairs };
}

export interface RecordingSummary {
  readonly recordingPerProducer: PooledCost;
  readonly interpretationPerChannel: PooledCost;
  /** The largest step whose recorded hearings were carried (see `carried`), or null. */
  readonly carriedRecordedHearings: number | null;
  /** What else held at that step: the generator fell behind, or every core of the machine was busy. */
  readonly carriedStepLimitedBy: readonly ('generator' | 'machine')[];
  /** The media node's CPU per recorded hearing at that step (forwarding, signalling and recording). */
  readonly nodeCpuPerRecordedHearingPct: number | null;
  /**
   * Recorded hearings the machine's cores would carry if the media node had them all, at that
   * cost per hearing: a linear extrapolation (here the load generator shares the cores).
   */
  readonly recordedHearingsExtrapolated: number | null;
}

export function summarizeRecording(steps: readonly RecordingStep[], cores: number, thresholdPct: number): RecordingSummary {
  const largest = steps.filter((s) => carried(s.modes.record, 'record', thresholdPct, cores)).sort((a, b) => b.hearings - a.hearings)[0];
  const perHearing = largest?.modes.record ? nodeCpu(largest.modes.record).total / largest.hearings : null;
  return {
    recordingPerProducer: pooled(steps, 'record'),
    interpretationPerChannel: pooled(steps, 'interpretation'),
    carriedRecordedHearings: largest?.hearings ?? null,
    carriedStepLimitedBy: largest?.modes.record?.limitedBy ?? [],
    nodeCpuPerRecordedHearingPct: perHearing,
    recordedHearingsExtrapolated: perHearing !== null && perHearing > 0 ? Math.floor((cores * 100) / perHearing) : null,
  };
}

export function recordingTable(steps: readonly RecordingStep[], participants: number, thresholdPct: number, cores: number): string {
  const rows: string[][] = [];
  for (const s of steps) {
    for (const [mode, f] of Object.entries(s.modes) as [Mode, SideFigures][]) {
      const cpu = nodeCpu(f);
      rows.push([
        `${s.hearings}x${participants}`,
        mode,
        `${f.consumersForwarding}/${f.consumers}`,
        fmt(f.forwardedPps),
        fmt(forwardedShare(f), 3),
        fmt(f.receiverLossPct, 2),
        fmt(cpu.workers, 1),
        fmt(cpu.node, 1),
        mode === 'record'
          ? `${fmt(cpu.recordingFfmpeg, 1)} (${f.recordingFfmpegProcesses ?? 0}/${f.producers})`
          : fmt(cpu.recordingFfmpeg, 1),
        fmt(cpu.otherChildren, 1),
        fmt(cpu.total, 1),
        fmt(f.cpu.generator, 1),
        fmt(f.cpu.machine, 0),
        carried(f, mode, thresholdPct, cores) ? 'yes' : 'no',
        f.limitedBy.join(', '),
      ]);
    }
  }
  return [
    formatTable(
      [
        'step',
        'mode',
        'consumers',
        'fwd pkt/s',
        'fwd share',
        'loss %',
        'workers %',
        'node %',
        'rec ffmpeg % (n/producers)',
        'other %',
        'media node %',
        'gen %',
        'machine %',
        'carried',
        'limited by',
      ],
      rows,
    ),
    '',
    'fwd share: forwarded ÷ what the load asked (packets sent x consumers per producer).  loss: at the receivers (in the generator).',
    "CPU in % of one core over the window (/proc): workers = mediasoup workers, node = the media node's Node process, rec ffmpeg = the",
    "  recording's stream-copying ffmpegs (children of the node; n of them alive at the end, one per recorded producer expected), other =",
    '  any other child of the node and children that ended in the window; media node = the sum; gen = the load generator; machine = all',
    "  cores, anyone's work.  carried: every consumer forwarding, loss <= " +
      `${thresholdPct} %, the media node under ${cores * 100} % (all cores), and when recording,`,
    "  a recording ffmpeg for every producer.  limited by: the generator late or near a full core, or every core busy (anyone's work).",
    '  interpretation: fewer consumers (the floor does not receive the interpreter).',
  ].join('\n');
}

export function costsTable(steps: readonly RecordingStep[]): string {
  const table = formatTable(
    ['step', 'recorded producers', 'recording % per producer', 'rec ffmpeg % per process', 'interpretation % per channel', 'segments'],
    steps.map((s) => {
      const c = stepCosts(s);
      return [
        `${s.hearings} hearings`,
        fmt(c.recordedProducers),
        fmt(c.recordingPerProducerPct, 2),
        fmt(c.ffmpegPerProcessPct, 2),
        fmt(c.interpretationPerChannelPct, 2),
        s.segmentsRegistered === undefined ? '' : fmt(s.segmentsRegistered),
      ];
    }),
  );
  return [
    table,
    '',
    `–: no difference taken: a measurement of the pair forwarded less than ${FORWARDED_SHARE_MIN * 100} % of what its load asked, or a consumer`,
    '  fell silent, so its media node had less to do.  rec ffmpeg per process: the recording ffmpegs alone.  segments: registered by the end.',
  ].join('\n');
}

const LIMITS: Readonly<Record<'generator' | 'machine', string>> = {
  generator: 'the load generator fell behind',
  machine: "every core was busy (anyone's work)",
};

function pooledLine(what: string, cost: PooledCost, per: string, how: string): string {
  if (cost.pairs === 0) return `${what}: not measured in this run (--modes)`;
  if (cost.pct === null) return `${what}: no figure (no step where both measurements forwarded their whole load)`;
  return `${what}: ${fmt(cost.pct, 2)} % of one core per ${per} (${how}, over the steps of ${cost.steps.join(', ')} hearings)`;
}

export function summaryLines(summary: RecordingSummary, participants: number, cores: number, thresholdPct: number): string[] {
  return [
    pooledLine('recording', summary.recordingPerProducer, 'recorded producer', 'media node with recording − without, ÷ recorded producers'),
    pooledLine(
      'interpretation',
      summary.interpretationPerChannel,
      'channel',
      'media node with an interpreter per hearing − without, ÷ channels',
    ),
    summary.carriedRecordedHearings === null
      ? `recorded hearings of ${participants} carried: none of the steps (every consumer forwarding, loss <= ${thresholdPct} %, ` +
        `the media node under ${cores * 100} %, every producer recorded)`
      : `recorded hearings of ${participants} carried with live forwarding intact: ${summary.carriedRecordedHearings} (the largest step measured; ` +
        `media node ${fmt(summary.nodeCpuPerRecordedHearingPct, 1)} % of one core per hearing; ` +
        `${cores} cores at that cost: ~${fmt(summary.recordedHearingsExtrapolated)} hearings, a linear extrapolation)`,
    ...(summary.carriedStepLimitedBy.length > 0
      ? [
          `  at that step ${summary.carriedStepLimitedBy.map((l) => LIMITS[l]).join(' and ')}: the test bed, not the media node, ` +
            'set the limit; run it on a quiet machine for the limit itself',
        ]
      : []),
  ];
}
